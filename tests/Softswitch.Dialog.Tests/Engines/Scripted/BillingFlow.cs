using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Dialog.Engines.Scripted;

namespace Softswitch.Dialog.Tests.Engines.Scripted;

/// <summary>A realistic scripted flow: billing with an account number, an agent, a callback choice, goodbye.</summary>
internal static class BillingFlow
{
    public const string Json = """
        {
          // Comments are allowed.
          "greeting": "Thanks for calling Acme. How can I help you today?",
          "noMatch": "Sorry, I didn't get that.",
          "noInput": "Are you still there?",
          "maxReprompts": 2,
          "followUp": "Is there anything else?",
          "fallback": {
            "reply": "Let me get you someone who can help.",
            "tool": { "kind": "transfer_to_queue", "queue": "fallback", "summary": "Scripted flow gave up. Caller: {transcript}" }
          },
          "intents": [
            {
              "id": "billing",
              "phrases": ["my bill", "billing question", "pay my invoice"],
              "dtmf": "1",
              "label": "for billing",
              "slots": [
                { "name": "account_number", "kind": "digits", "minLength": 6, "maxLength": 8, "prompt": "Please tell me your account number." }
              ],
              "reply": "Thanks. Account {account_number} has no balance due."
            },
            {
              "id": "agent",
              "phrases": ["speak to an agent", "talk to a person", "agent", "representative"],
              "dtmf": "0",
              "label": "to speak to an agent",
              "reply": "Connecting you now.",
              "tool": { "kind": "transfer_to_queue", "queue": "support", "summary": "Caller asked for an agent. They said: {transcript}" }
            },
            {
              "id": "callback",
              "phrases": ["call me back", "callback"],
              "dtmf": "2",
              "label": "for a callback",
              "slots": [
                { "name": "time", "kind": "one_of", "values": ["morning", "afternoon", "evening"], "prompt": "Morning, afternoon or evening?" },
                { "name": "confirm", "kind": "yes_no", "prompt": "Shall I book it?" }
              ],
              "reply": "Callback in the {time}: {confirm}.",
              "tool": { "kind": "webhook", "name": "book_callback" }
            },
            {
              "id": "extension",
              "phrases": ["extension"],
              "slots": [ { "name": "ext", "kind": "digits", "minLength": 3, "maxLength": 3, "prompt": "Which extension?" } ],
              "tool": { "kind": "send_dtmf", "digits": "{ext}#" }
            },
            {
              "id": "goodbye",
              "phrases": ["goodbye", "bye", "thats all"],
              "reply": "Goodbye.",
              "tool": { "kind": "end_call" }
            }
          ]
        }
        """;

    public static ScriptedFlow Flow { get; } = ScriptedFlow.Parse(Json);

    public static ScriptedConversation Conversation() => new(Flow, NullLogger<ScriptedConversation>.Instance);
}
