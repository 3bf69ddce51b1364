using Softswitch.Sip;

namespace Softswitch.Gateway.UserAgent;

/// <summary>What this UAS implements, as advertised in Allow, Accept and Supported (RFC 3261 §11.2).</summary>
internal static class SipCapabilities
{
    /// <summary>Methods we implement.</summary>
    public static readonly string[] AllowedMethods =
        [SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Prack, SipMethods.Update, SipMethods.Info, SipMethods.Notify];

    /// <summary>Methods defined by SIP extensions that we know but do not serve here: answered 405 with Allow, not 501.</summary>
    public static readonly string[] KnownButNotAllowed =
        [SipMethods.Register, SipMethods.Subscribe, SipMethods.Refer, SipMethods.Message, "PUBLISH"];

    /// <summary>Option tags we support (RFC 3262 100rel, RFC 4028 timer).</summary>
    public static readonly string[] SupportedOptionTags = ["100rel", "timer"];

    /// <summary>Allow header value.</summary>
    public static readonly string Allow = string.Join(", ", AllowedMethods);

    /// <summary>Supported header value.</summary>
    public static readonly string Supported = string.Join(", ", SupportedOptionTags);

    /// <summary>Accept header value: we take SDP bodies only.</summary>
    public const string Accept = "application/sdp";

    /// <summary>Returns the option tags in <paramref name="message"/>'s Require that we do not support.</summary>
    public static List<string>? UnsupportedRequirements(SipMessage message)
    {
        List<string>? unsupported = null;
        foreach (var tag in message.Headers.GetValues(SipHeaderNames.Require))
        {
            if (!SupportedOptionTags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                (unsupported ??= []).Add(tag.Trim());
            }
        }

        return unsupported;
    }

    /// <summary>Adds Allow, Accept and Supported to a response.</summary>
    public static void AddTo(SipResponse response)
    {
        response.Headers.Add(SipHeaderNames.Allow, Allow);
        response.Headers.Add(SipHeaderNames.Accept, Accept);
        response.Headers.Add(SipHeaderNames.Supported, Supported);
    }
}
