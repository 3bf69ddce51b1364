namespace Softswitch.Benchmarks.Load;

/// <summary>A target could not be started or does not answer; the message says why, for the table.</summary>
internal sealed class TargetNotReadyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, in a few words.</param>
    public TargetNotReadyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, in a few words.</param>
    /// <param name="innerException">The cause.</param>
    public TargetNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
