using Shouldly;
using Softswitch.Dialog.Engines.Scripted;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Scripted;

/// <summary>One call through the billing flow: phrases, digits as words, keys, reprompts and the fallback.</summary>
public sealed class ScriptedConversationTests
{
    [Fact]
    public void Start_Wideband_GreetsWithoutKeypadMenu()
    {
        var turn = BillingFlow.Conversation().Start(narrowband: false);

        turn.Reply.ShouldBe("Thanks for calling Acme. How can I help you today?");
        turn.Tool.ShouldBeNull();
        turn.Ended.ShouldBeFalse();
        turn.Expecting.ShouldBe(ScriptedExpectation.Intent);
    }

    [Fact]
    public void Start_Narrowband_ListsTheKeysInFlowOrder()
    {
        var turn = BillingFlow.Conversation().Start(narrowband: true);

        turn.Reply.ShouldBe(
            "Thanks for calling Acme. How can I help you today? Press 1 for billing. Press 0 to speak to an agent. Press 2 for a callback.");
    }

    [Fact]
    public void OnUtterance_BillThenAccountNumberAsWords_RepliesWithTheDigits()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        var ask = conversation.OnUtterance("i have a question about my bill");
        ask.IntentId.ShouldBe("billing");
        ask.Reply.ShouldBe("Please tell me your account number.");
        ask.Expecting.ShouldBe(ScriptedExpectation.Digits);
        ask.Tool.ShouldBeNull();

        var done = conversation.OnUtterance("it is one two three four five six seven");
        done.Reply.ShouldBe("Thanks. Account 1234567 has no balance due. Is there anything else?");
        done.IntentId.ShouldBe("billing");
        done.Tool.ShouldBeNull();
        done.Ended.ShouldBeFalse();
        done.Expecting.ShouldBe(ScriptedExpectation.Intent);
    }

    [Fact]
    public void OnUtterance_AccountNumberInTheFirstUtterance_SkipsTheQuestion()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        var done = conversation.OnUtterance("My bill, account 88 77 66, please.");

        done.Reply.ShouldStartWith("Thanks. Account 887766 has no balance due.");
    }

    [Fact]
    public void OnUtterance_AccountNumberTooShort_RepromptsAndAsksAgain()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);
        conversation.OnUtterance("billing question");

        var reprompt = conversation.OnUtterance("one two three");

        reprompt.Reply.ShouldBe("Sorry, I didn't get that. Please tell me your account number.");
        reprompt.Expecting.ShouldBe(ScriptedExpectation.Digits);
        conversation.OnUtterance("nine eight seven six five four").Reply.ShouldStartWith("Thanks. Account 987654 ");
    }

    [Fact]
    public void OnUtterance_TokenOverlapWithoutTheExactPhrase_Matches()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        // "pay my invoice": content words pay and invoice, both present though not adjacent.
        conversation.OnUtterance("i would like to pay the invoice").IntentId.ShouldBe("billing");
    }

    [Fact]
    public void OnUtterance_SpeakToAnAgent_TransfersWithSummaryOfWhatWasSaid()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);
        conversation.OnUtterance("the weather is nice");

        var turn = conversation.OnUtterance("can i speak to an agent please");

        turn.Reply.ShouldBe("Connecting you now.");
        turn.Ended.ShouldBeTrue();
        turn.Expecting.ShouldBe(ScriptedExpectation.Nothing);
        turn.Tool.ShouldNotBeNull();
        turn.Tool.Kind.ShouldBe(ScriptedToolKind.TransferToQueue);
        turn.Tool.Name.ShouldBe("transfer_to_queue");
        turn.Tool.Arguments["queue_id"].ShouldBe("support");
        turn.Tool.Arguments["summary"].ShouldBe("Caller asked for an agent. They said: the weather is nice; can i speak to an agent please");
        conversation.Ended.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => conversation.OnUtterance("hello"));
    }

    [Fact]
    public void OnUtterance_AgentWhileAskedForAccount_SwitchesIntent()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);
        conversation.OnUtterance("my bill");

        var turn = conversation.OnUtterance("no just give me a representative");

        turn.IntentId.ShouldBe("agent");
        turn.Tool!.Name.ShouldBe("transfer_to_queue");
    }

    [Fact]
    public void OnUtterance_Goodbye_EndsTheCall()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        var turn = conversation.OnUtterance("ok thats all goodbye");

        turn.Reply.ShouldBe("Goodbye.");
        turn.Tool!.Kind.ShouldBe(ScriptedToolKind.EndCall);
        turn.Tool.Name.ShouldBe("end_call");
        turn.Tool.Arguments.ShouldBeEmpty();
        turn.Ended.ShouldBeTrue();
    }

    [Fact]
    public void OnUtterance_OneOfAndYesNoSlots_CallTheWebhookWithTheValues()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        conversation.OnUtterance("please call me back").Reply.ShouldBe("Morning, afternoon or evening?");
        conversation.OnUtterance("in the afternoon").Reply.ShouldBe("Shall I book it?");
        var turn = conversation.OnUtterance("yes please");

        turn.Reply.ShouldBe("Callback in the afternoon: yes. Is there anything else?");
        turn.Ended.ShouldBeFalse();
        turn.Tool!.Kind.ShouldBe(ScriptedToolKind.Webhook);
        turn.Tool.Name.ShouldBe("book_callback");
        turn.Tool.Arguments.ShouldBe(new Dictionary<string, string> { ["time"] = "afternoon", ["confirm"] = "yes" }, ignoreOrder: true);
    }

    [Fact]
    public void OnUtterance_Extension_SendsDtmfFromTheTemplate()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        var turn = conversation.OnUtterance("extension two oh one");

        turn.Tool!.Name.ShouldBe("send_dtmf");
        turn.Tool.Arguments["digits"].ShouldBe("201#");
        turn.Reply.ShouldBe("Is there anything else?");
    }

    [Fact]
    public void OnDigit_NarrowbandKeyOnlyPath_AnnouncesKeysAndFillsDigitsWithPound()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true).Reply.ShouldContain("Press 1 for billing.");

        var ask = conversation.OnDigit('1');
        ask.IntentId.ShouldBe("billing");
        ask.Reply.ShouldBe("Please tell me your account number. You can also type it on your keypad, then press the pound key.");

        foreach (var digit in "123456")
        {
            var partial = conversation.OnDigit(digit);
            partial.Reply.ShouldBeEmpty();
            partial.Expecting.ShouldBe(ScriptedExpectation.Digits);
        }

        var done = conversation.OnDigit('#');
        done.Reply.ShouldBe("Thanks. Account 123456 has no balance due. Is there anything else?");

        var transfer = conversation.OnDigit('0');
        transfer.Tool!.Arguments["queue_id"].ShouldBe("support");
        transfer.Tool.Arguments["summary"].ShouldBe("Caller asked for an agent. They said: pressed 1; keyed 123456; pressed 0");
        transfer.Ended.ShouldBeTrue();
    }

    [Fact]
    public void OnDigit_MaxLengthReached_CompletesWithoutPound()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true);
        conversation.OnDigit('1');
        foreach (var digit in "1234567")
        {
            conversation.OnDigit(digit).Reply.ShouldBeEmpty();
        }

        conversation.OnDigit('8').Reply.ShouldStartWith("Thanks. Account 12345678 ");
    }

    [Fact]
    public void OnDigit_NarrowbandChoiceSlots_AnnounceAndTakeKeys()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true);

        conversation.OnDigit('2').Reply.ShouldBe("Morning, afternoon or evening? Press 1 for morning. Press 2 for afternoon. Press 3 for evening.");
        conversation.OnDigit('3').Reply.ShouldBe("Shall I book it? Press 1 for yes or 2 for no.");
        var turn = conversation.OnDigit('2');

        turn.Reply.ShouldStartWith("Callback in the evening: no.");
        turn.Tool!.Arguments["confirm"].ShouldBe("no");
    }

    [Fact]
    public void OnNoInput_PendingKeyedDigits_AreTakenAsComplete()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true);
        conversation.OnDigit('1');
        foreach (var digit in "654321")
        {
            conversation.OnDigit(digit);
        }

        conversation.OnNoInput().Reply.ShouldStartWith("Thanks. Account 654321 ");
    }

    [Fact]
    public void OnUtterance_NoMatchThenNoInput_RepromptThenFallBackAfterTheMax()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);

        var first = conversation.OnUtterance("purple elephants");
        first.Reply.ShouldBe("Sorry, I didn't get that.");
        first.Ended.ShouldBeFalse();
        first.Tool.ShouldBeNull();

        var second = conversation.OnNoInput();
        second.Reply.ShouldBe("Are you still there?");
        second.Ended.ShouldBeFalse();

        var fallback = conversation.OnUtterance("bananas");
        fallback.Reply.ShouldBe("Let me get you someone who can help.");
        fallback.Ended.ShouldBeTrue();
        fallback.Tool!.Arguments["queue_id"].ShouldBe("fallback");
        fallback.Tool.Arguments["summary"].ShouldBe("Scripted flow gave up. Caller: purple elephants; bananas");
    }

    [Fact]
    public void OnNoInput_Narrowband_RepromptMentionsTheKeys()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true);

        conversation.OnNoInput().Reply.ShouldBe("Are you still there? Press 1 for billing. Press 0 to speak to an agent. Press 2 for a callback.");
        conversation.OnDigit('9').Reply.ShouldBe("Sorry, I didn't get that. Press 1 for billing. Press 0 to speak to an agent. Press 2 for a callback.");
        conversation.OnNoInput().Tool!.Arguments["queue_id"].ShouldBe("fallback");
    }

    [Fact]
    public void OnUtterance_SuccessfulStep_ResetsTheRepromptCount()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: false);
        conversation.OnNoInput();
        conversation.OnNoInput();

        // Progress resets the count: two more failures are reprompts, not the fallback.
        conversation.OnUtterance("my bill").Expecting.ShouldBe(ScriptedExpectation.Digits);
        conversation.OnNoInput().Ended.ShouldBeFalse();
        conversation.OnUtterance("twelve").Ended.ShouldBeFalse();
        conversation.OnNoInput().Ended.ShouldBeTrue();
    }

    [Fact]
    public void OnUtterance_BeforeStart_Throws() =>
        Should.Throw<InvalidOperationException>(() => BillingFlow.Conversation().OnUtterance("my bill"));

    [Fact]
    public void OnDigit_NotADtmfKey_Throws()
    {
        var conversation = BillingFlow.Conversation();
        conversation.Start(narrowband: true);

        Should.Throw<ArgumentOutOfRangeException>(() => conversation.OnDigit('x'));
    }
}
