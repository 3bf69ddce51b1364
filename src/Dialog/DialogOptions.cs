using System.ComponentModel.DataAnnotations;

namespace Softswitch.Dialog;

/// <summary>Conversation settings, bound from the <c>Dialog</c> configuration section.</summary>
public sealed class DialogOptions
{
    /// <summary>What the embedded default flow says when it answers. Defaults to a short welcome.</summary>
    [Required]
    public string Greeting { get; set; } = "Hello, you have reached Softswitch. After this message, please speak. Your call is being recorded.";

    /// <summary>espeak-ng voice of the greeting. Defaults to <c>en</c>.</summary>
    [Required]
    public string Voice { get; set; } = "en";

    /// <summary>How long the call rings (180) before it is answered. Defaults to 500 ms.</summary>
    public TimeSpan RingTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether the default flow records what the caller says to a WAV file. Defaults to true.</summary>
    public bool Record { get; set; } = true;

    /// <summary>Folder of the recordings; a relative path lives under the data directory. Defaults to <c>recordings</c>.</summary>
    [Required]
    public string RecordingsDirectory { get; set; } = "recordings";

    /// <summary>
    /// Delete recordings older than this many days (checked at start and hourly); 0 keeps them forever. Defaults to 0.
    /// </summary>
    [Range(0, 36500)]
    public int RecordingRetentionDays { get; set; }

    /// <summary>
    /// The embedded default flow: <c>greet-and-record</c> (greeting, then recording until hang-up), <c>answer</c> (answer at
    /// once without ringing, greeting or recording: what the SIP benchmark measures), <c>echo</c> (the caller hears their own
    /// audio, decoded and encoded again) or <c>bridge</c> (two calls to the same number are joined, each in its own codec). The
    /// media benchmark measures <c>echo</c> and <c>bridge</c>. Defaults to <c>greet-and-record</c>.
    /// </summary>
    [RegularExpression("^(greet-and-record|answer|echo|bridge)$", ErrorMessage = "Dialog:Flow must be greet-and-record, answer, echo or bridge.")]
    public string Flow { get; set; } = "greet-and-record";
}
