using Softswitch.Sip;

namespace Softswitch.Gateway.Calls;

/// <summary>Why an INVITE could not become a call: the status to answer with (0 when it did) and the headers to add.</summary>
internal readonly record struct CallRejection(int StatusCode, Action<SipResponse>? Decorate);
