namespace Softswitch.Admin.Persistence;

/// <summary>How a write went.</summary>
public enum WriteStatus
{
    /// <summary>Written.</summary>
    Ok = 0,

    /// <summary>There is no such row.</summary>
    NotFound = 1,

    /// <summary>The row changed since it was read (row version differs), already exists, or is in a state that forbids the change.</summary>
    Conflict = 2,
}
