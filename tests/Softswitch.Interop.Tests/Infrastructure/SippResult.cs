namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>What one sipp run did.</summary>
/// <param name="ExitCode">sipp's exit code: 0 when every call succeeded, 1 when some failed, 99 when none ran, negative on fatal errors.</param>
/// <param name="SuccessfulCalls">The cumulative <c>SuccessfulCall(C)</c> of the stat file's last row.</param>
/// <param name="FailedCalls">The cumulative <c>FailedCall(C)</c> of the stat file's last row.</param>
/// <param name="ErrorLog">The <c>-trace_err</c> log: every unexpected message and failure; empty when there were none.</param>
/// <param name="Output">sipp's stdout and stderr.</param>
/// <param name="WorkDirectory">Folder of the stat, error, message and output logs.</param>
/// <param name="TimedOut">Whether the harness had to kill sipp.</param>
internal sealed record SippResult(int ExitCode, int SuccessfulCalls, int FailedCalls, string ErrorLog, string Output, string WorkDirectory, bool TimedOut)
{
    /// <summary>Whether sipp exited with 0 and counted no failed call.</summary>
    public bool Succeeded => ExitCode == 0 && FailedCalls == 0 && !TimedOut;

    /// <summary>A summary for assertion messages: counts, the error log and the end of the output.</summary>
    public override string ToString()
    {
        var tail = Output.Length > 3000 ? Output[^3000..] : Output;
        return $"sipp exit {ExitCode}, {SuccessfulCalls} successful, {FailedCalls} failed{(TimedOut ? ", killed after its runtime" : "")}; logs in {WorkDirectory}\n"
            + $"--- error log ---\n{ErrorLog}\n--- output (tail) ---\n{tail}";
    }
}
