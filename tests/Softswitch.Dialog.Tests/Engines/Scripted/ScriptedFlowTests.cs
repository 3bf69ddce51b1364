using Shouldly;
using Softswitch.Dialog.Engines.Scripted;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Scripted;

/// <summary>Loading and validating scripted flow JSON.</summary>
public sealed class ScriptedFlowTests
{
    private const string Header = """
        "greeting": "Hello.", "noMatch": "Sorry.", "noInput": "Hello?",
        "fallback": { "tool": { "kind": "end_call" } },
        """;

    [Fact]
    public void Parse_BillingFlow_ReadsEverything()
    {
        var flow = BillingFlow.Flow;

        flow.MaxReprompts.ShouldBe(2);
        flow.MatchThreshold.ShouldBe(ScriptedFlow.DefaultMatchThreshold);
        flow.Fallback.Tool.Kind.ShouldBe(ScriptedToolKind.TransferToQueue);
        flow.Fallback.Tool.QueueId.ShouldBe("fallback");
        flow.Intents.Select(i => i.Id).ShouldBe(["billing", "agent", "callback", "extension", "goodbye"]);
        var billing = flow.Intents[0];
        billing.DtmfKey.ShouldBe('1');
        billing.Slots.ShouldHaveSingleItem().ShouldBe(
            new ScriptedSlot("account_number", ScriptedSlotKind.Digits, "Please tell me your account number.", 6, 8, []),
            new SlotComparer());
        billing.Reply!.Placeholders.ShouldBe(["account_number"]);
        flow.Intents[2].Slots[0].Values.ShouldBe(["morning", "afternoon", "evening"]);
        flow.Intents[3].Tool!.Digits!.Text.ShouldBe("{ext}#");
    }

    [Fact]
    public void Parse_TransferWithoutSummary_DefaultsToTheTranscript()
    {
        var flow = ScriptedFlow.Parse($$"""
            { {{Header}}
              "intents": [ { "id": "agent", "phrases": ["agent"], "tool": { "kind": "transfer_to_queue", "queue": "q1" } } ] }
            """);

        flow.Intents[0].Tool!.Summary!.Text.ShouldBe("{transcript}");
    }

    [Fact]
    public void Parse_SeveralProblems_NamesEachByPath()
    {
        var error = Should.Throw<ScriptedFlowException>(() => ScriptedFlow.Parse($$"""
            { {{Header}}
              "intents": [
                { "id": "billing", "phrases": ["my bill"], "dtmf": "1", "label": "for billing", "reply": "Account {acount_number}.",
                  "slots": [ { "name": "account_number", "kind": "digits", "minLength": 6, "maxLength": 8, "prompt": "Number?" } ] },
                { "id": "billing", "phrases": ["invoice"], "dtmf": "#", "label": "for invoices", "reply": "OK." },
                { "id": "orders", "phrases": ["my order"], "reply": "Order {order}.",
                  "slots": [ { "name": "order", "kind": "number", "prompt": "Which order?" } ] },
                { "id": "agent", "phrases": ["agent"], "dtmf": "1", "label": "for an agent", "tool": { "kind": "transfer", "queue": "q" } }
              ] }
            """));

        error.Errors.ShouldBe(
        [
            "intents[0].reply: unknown placeholder {acount_number} (known: account_number, utterance, transcript, intent)",
            "intents[1].id: duplicate intent id 'billing' (also intents[0])",
            "intents[1].dtmf: '#' must be one key, 0–9 or * ('#' ends keyed digits)",
            "intents[2].slots[0].kind: unknown slot kind 'number' (digits, yes_no or one_of)",
            "intents[3].dtmf: key '1' is already used by intents[0]",
            "intents[3].tool.kind: unknown tool 'transfer' (transfer_to_queue, end_call, send_dtmf or webhook)",
        ]);
        error.Message.ShouldContain("6 error(s)");
        error.Message.ShouldContain("intents[2].slots[0].kind");
    }

    [Fact]
    public void Parse_MissingAndMistypedFields_AreNamed()
    {
        var error = Should.Throw<ScriptedFlowException>(() => ScriptedFlow.Parse("""
            {
              "greeting": "Hello.", "noInput": 5, "maxReprompts": 99, "matchThreshold": 0, "greting": "typo",
              "fallback": { "tool": { "kind": "send_dtmf", "digits": "12x" } },
              "intents": [
                { "id": "Bad Id", "phrases": ["?!"], "dtmf": "1", "slot": [] },
                { "id": "pick", "phrases": ["pick"], "reply": "OK {choice}.",
                  "slots": [ { "name": "choice", "kind": "one_of", "prompt": "Which?", "minLength": 2 },
                             { "name": "n", "kind": "digits", "prompt": "N?", "minLength": 5, "maxLength": 3 } ] }
              ]
            }
            """));

        error.Errors.ShouldBe(
        [
            "greting: unknown property (known: greeting, noMatch, noInput, maxReprompts, matchThreshold, followUp, digitsKeypadHint, yesNoKeypadHint, fallback, intents)",
            "noMatch: required",
            "noInput: must be a non-empty string",
            "maxReprompts: must be a whole number from 0 to 10",
            "matchThreshold: must be a number above 0 and at most 1",
            "fallback.tool.digits: '12x' may hold only 0–9, *, #, A–D and placeholders",
            "fallback.tool.kind: must be transfer_to_queue or end_call, so that the call ends",
            "intents[0].slot: unknown property (known: id, phrases, dtmf, label, slots, reply, tool)",
            "intents[0].id: 'Bad Id' may hold only lower case letters, digits, '_' and '-'",
            "intents[0].phrases[0]: must be a string with at least one word",
            "intents[0].label: required with dtmf (menu text after \"Press 1\", such as \"for billing\")",
            "intents[0]: needs a reply or a tool",
            "intents[1].slots[0]: minLength and maxLength are for digits slots only",
            "intents[1].slots[0].values: a one_of slot needs 1 to 9 values (keys 1–9 pick them)",
            "intents[1].slots[1].minLength: 5 is above maxLength 3",
        ]);
    }

    [Theory]
    [InlineData("not json", "$: not valid JSON")]
    [InlineData("[]", "$: must be an object")]
    [InlineData("""{ "greeting": "a", "noMatch": "b", "noInput": "c", "fallback": { "tool": { "kind": "end_call" } }, "intents": [] }""", "intents: must be a non-empty array")]
    [InlineData("""{ "greeting": "a", "noMatch": "b", "noInput": "c", "intents": [ { "id": "x", "phrases": ["x"], "reply": "{" } ] }""", "fallback: required")]
    public void Parse_BadDocument_SaysWhy(string json, string expected)
    {
        var error = Should.Throw<ScriptedFlowException>(() => ScriptedFlow.Parse(json));

        error.Errors.ShouldContain(e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnclosedPlaceholder_IsNamed()
    {
        var error = Should.Throw<ScriptedFlowException>(() => ScriptedFlow.Parse($$"""
            { {{Header}} "intents": [ { "id": "x", "phrases": ["x"], "reply": "Hi {name" } ] }
            """));

        error.Errors.ShouldBe(["intents[0].reply: '{' at 3 is not closed"]);
    }

    [Fact]
    public void Render_LiteralBraces_AreKept()
    {
        ScriptedTemplate.TryParse("{{a}} {b}", out var template, out var error).ShouldBeTrue(error);

        template!.Render(new Dictionary<string, string> { ["b"] = "x" }).ShouldBe("{a} x");
    }

    private sealed class SlotComparer : IEqualityComparer<ScriptedSlot>
    {
        public bool Equals(ScriptedSlot? x, ScriptedSlot? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Kind == y.Kind && x.Prompt == y.Prompt
            && x.MinLength == y.MinLength && x.MaxLength == y.MaxLength && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(ScriptedSlot obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
