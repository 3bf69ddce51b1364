using Shouldly;
using Softswitch.Dialog.Engines.PocketSphinx;
using Softswitch.Dialog.Engines.Scripted;
using Xunit;

namespace Softswitch.Dialog.Tests.Engines.Scripted;

/// <summary>Normalization and matching of recognizer text.</summary>
public sealed class ScriptedTextTests
{
    [Theory]
    [InlineData("one two three", "123")]
    [InlineData("My account is 12 34, OK?", "my account is 1234 ok")]
    [InlineData("What's my BILL!", "whats my bill")]
    [InlineData("oh nine zero", "090")]
    [InlineData("someone said to go", "someone said to go")]
    public void Normalize_RecognizerText_IsLowerCaseWithDigits(string text, string expected) =>
        ScriptedText.Normalize(text).ShouldBe(expected);

    [Fact]
    public void Match_ExactPhraseBeatsHigherOverlap_AndTiesGoToTheFirstIntent()
    {
        var matcher = new ScriptedMatcher(BillingFlow.Flow);

        var match = matcher.Match(ScriptedText.Tokenize("i want to talk to a person about my bill"));

        // Both "talk to a person" and "my bill" are contained; the longer phrase wins.
        match!.Intent.Id.ShouldBe("agent");
        match.Contained.ShouldBeTrue();
        // "agent" and "bye" are both contained and equally long: the intent listed first (agent) wins.
        matcher.Match(ScriptedText.Tokenize("bye agent"))!.Intent.Id.ShouldBe("agent");
        matcher.Match(ScriptedText.Tokenize("tell me a joke")).ShouldBeNull();
        matcher.Match([]).ShouldBeNull();
    }

    [Fact]
    public void AllPhrases_HoldsPhrasesValuesAndYesNo_EachOnce()
    {
        var phrases = BillingFlow.Flow.AllPhrases;

        phrases.ShouldContain("my bill");
        phrases.ShouldContain("speak to an agent");
        phrases.ShouldContain("afternoon");
        phrases.ShouldContain("yes");
        phrases.ShouldContain("goodbye");
        phrases.Count.ShouldBe(phrases.Distinct().Count());
    }

    [Fact]
    public void AllPhrases_BuildAPocketSphinxGrammar()
    {
        var grammar = PocketSphinxGrammar.Build(BillingFlow.Flow.AllPhrases, _ => true);

        grammar.Skipped.ShouldBeEmpty();
        grammar.NormalizedPhrases.ShouldContain("speak to an agent");
        grammar.NormalizedPhrases.Count.ShouldBe(BillingFlow.Flow.AllPhrases.Count);
    }
}
