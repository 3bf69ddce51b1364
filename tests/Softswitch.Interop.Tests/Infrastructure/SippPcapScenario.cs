using System.Globalization;
using System.Text;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// Builds a UAC scenario from <c>Scenarios/Templates/uac_play_pcap.xml</c>: an offer with the given formats, then RTP played from
/// captures (<c>play_pcap_audio</c>), then BYE. sipp reads a capture's path when it loads the scenario, not from <c>-key</c>
/// values, so each test writes its own scenario file.
/// </summary>
internal static class SippPcapScenario
{
    /// <summary>The template, in the test output's <c>Scenarios</c> folder.</summary>
    public const string TemplateName = "Templates/uac_play_pcap.xml";

    /// <summary>Writes the scenario and returns its full path (pass it as <see cref="SippOptions.ScenarioFile"/>).</summary>
    /// <param name="directory">Folder to write it to.</param>
    /// <param name="name">File name without extension.</param>
    /// <param name="formats">The payload types of the m= line, e.g. <c>0 101</c>.</param>
    /// <param name="attributes">The media attributes, e.g. <c>a=rtpmap:0 PCMU/8000</c>.</param>
    /// <param name="plays">Each capture with how long the scenario waits after starting it (its length plus any gap).</param>
    public static string Write(string directory, string name, string formats, IEnumerable<string> attributes, IEnumerable<(string Pcap, TimeSpan Wait)> plays)
    {
        var play = new StringBuilder();
        foreach (var (pcap, wait) in plays)
        {
            play.AppendLine(CultureInfo.InvariantCulture, $"  <nop><action><exec play_pcap_audio=\"{pcap}\"/></action></nop>")
                .AppendLine(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{(int)wait.TotalMilliseconds}\"/>");
        }

        var template = File.ReadAllText(SippRunner.ScenarioPath(TemplateName));
        var scenario = template
            .Replace("@FORMATS@", formats, StringComparison.Ordinal)
            .Replace("@ATTRIBUTES@", string.Join('\n', attributes.Select(a => "      " + a)), StringComparison.Ordinal)
            .Replace("@PLAY@", play.ToString().TrimEnd(), StringComparison.Ordinal);
        var path = Path.Combine(directory, name + ".xml");
        File.WriteAllText(path, scenario, Encoding.Latin1);
        return path;
    }
}
