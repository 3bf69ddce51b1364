using Softswitch.Admin.Model;
using Softswitch.Sip;

namespace Softswitch.Admin.Validation;

/// <summary>The rules a queue follows, the same for the HTTP API and <c>softswitch config import</c>.</summary>
internal static class QueueValidation
{
    /// <summary>Checks a queue (not its id), naming each bad field under <paramref name="prefix"/>.</summary>
    public static void Validate(Queue q, Validator v, string prefix = "")
    {
        v.Check(!string.IsNullOrWhiteSpace(q.Name) && q.Name.Length <= 200, Validator.Field(prefix, "name"), "is required, at most 200 characters")
            .Check(q.Members is { Count: > 0 and <= 500 }, Validator.Field(prefix, "members"), "needs 1-500 member SIP URIs")
            .Check(q.RingTimeoutSeconds is >= 5 and <= 600, Validator.Field(prefix, "ringTimeoutSeconds"), "must be 5-600");
        var members = q.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            v.Check(SipUri.TryParse(members[i], out _), Validator.Field(prefix, $"members[{i}]"), "must be a SIP URI such as sip:alice@192.0.2.10");
        }

        if (q.Fallback is { } fallback)
        {
            v.Check(fallback.Kind == RouteTargetKind.Agent ? Validator.IsId(fallback.AgentId) : Validator.IsId(fallback.QueueId), Validator.Field(prefix, "fallback"), "needs an agentId or queueId");
        }
    }
}
