namespace Softswitch.Admin.Model;

/// <summary>One line of a call's transcript.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Sequence">Order within the call, from 1; (CallId, Sequence) is unique.</param>
/// <param name="At">When it was said.</param>
/// <param name="Speaker">Caller or agent.</param>
/// <param name="Text">What was said.</param>
/// <param name="Final">False for an interim recognition result that a later entry may replace.</param>
public sealed record TranscriptEntry(string CallId, long Sequence, DateTimeOffset At, Speaker Speaker, string Text, bool Final);
