namespace Softswitch.Admin.Persistence;

/// <summary>The result of a write: its status and, when it is <see cref="WriteStatus.Ok"/>, the row as stored.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Status">How it went.</param>
/// <param name="Value">The stored row when <paramref name="Status"/> is <see cref="WriteStatus.Ok"/>, otherwise default.</param>
public readonly record struct WriteResult<T>(WriteStatus Status, T? Value)
{
    /// <summary>A successful write.</summary>
    /// <param name="value">The stored row.</param>
    /// <returns>An Ok result.</returns>
    public static WriteResult<T> Ok(T value) => new(WriteStatus.Ok, value);

    /// <summary>No such row.</summary>
    public static WriteResult<T> NotFound { get; } = new(WriteStatus.NotFound, default);

    /// <summary>A concurrent or conflicting change.</summary>
    public static WriteResult<T> Conflict { get; } = new(WriteStatus.Conflict, default);
}
