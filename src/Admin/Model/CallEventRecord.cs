namespace Softswitch.Admin.Model;

/// <summary>Something that happened in a call (state change, DTMF, tool call…), kept for its timeline.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Sequence">Order within the call, from 1; (CallId, Sequence) is unique.</param>
/// <param name="At">When.</param>
/// <param name="Type">Event type, such as <c>answered</c> or <c>dtmf</c>.</param>
/// <param name="Data">Details as JSON text.</param>
public sealed record CallEventRecord(string CallId, long Sequence, DateTimeOffset At, string Type, string Data);
