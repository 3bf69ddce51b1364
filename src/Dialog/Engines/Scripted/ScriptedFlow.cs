namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>
/// A scripted flow: the embedded default agent that needs no language model. Intents are recognized from example phrases
/// or a DTMF key, their slots are asked for one at a time, then a templated reply is said and a tool may be called.
/// Load one with <see cref="Parse"/>; run it with one <see cref="ScriptedConversation"/> per call.
/// </summary>
/// <param name="Greeting">First prompt. On a narrowband call the keypad menu ("Press 1 for billing.") follows it.</param>
/// <param name="NoMatch">Said when what the caller said or keyed matches nothing; the current question follows it.</param>
/// <param name="NoInput">Said when the caller says nothing; the current question follows it.</param>
/// <param name="MaxReprompts">No-match and no-input reprompts in a row before the fallback.</param>
/// <param name="MatchThreshold">Share of a phrase's content words the utterance must hold to match it (0–1].</param>
/// <param name="FollowUp">Said after an intent that does not end the call ("Anything else?"), or null.</param>
/// <param name="DigitsKeypadHint">Added to a digits slot's prompt on a narrowband call.</param>
/// <param name="YesNoKeypadHint">Added to a yes/no slot's prompt on a narrowband call.</param>
/// <param name="Fallback">What happens after too many reprompts.</param>
/// <param name="Intents">What the caller can ask for, in order of precedence.</param>
public sealed record ScriptedFlow(
    string Greeting,
    string NoMatch,
    string NoInput,
    int MaxReprompts,
    double MatchThreshold,
    string? FollowUp,
    string DigitsKeypadHint,
    string YesNoKeypadHint,
    ScriptedFallback Fallback,
    IReadOnlyList<ScriptedIntent> Intents)
{
    /// <summary>Default of <see cref="MaxReprompts"/>: 2.</summary>
    public const int DefaultMaxReprompts = 2;

    /// <summary>Default of <see cref="MatchThreshold"/>: 0.6.</summary>
    public const double DefaultMatchThreshold = 0.6;

    /// <summary>Default of <see cref="DigitsKeypadHint"/>.</summary>
    public const string DefaultDigitsKeypadHint = "You can also type it on your keypad, then press the pound key.";

    /// <summary>Default of <see cref="YesNoKeypadHint"/>.</summary>
    public const string DefaultYesNoKeypadHint = "Press 1 for yes or 2 for no.";

    /// <summary>
    /// Every phrase the flow understands, each once: the intents' example phrases, the one-of slot values, and "yes" and "no"
    /// when a yes/no slot exists. A phrase recognizer's grammar (pocketsphinx JSGF) is built from these.
    /// </summary>
    public IReadOnlyList<string> AllPhrases
    {
        get
        {
            var phrases = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var intent in Intents)
            {
                foreach (var phrase in intent.Phrases)
                {
                    Add(phrase);
                }

                foreach (var slot in intent.Slots)
                {
                    foreach (var value in slot.Values)
                    {
                        Add(value);
                    }

                    if (slot.Kind == ScriptedSlotKind.YesNo)
                    {
                        Add("yes");
                        Add("no");
                    }
                }
            }

            return phrases;

            void Add(string phrase)
            {
                if (seen.Add(ScriptedText.Normalize(phrase)))
                {
                    phrases.Add(phrase);
                }
            }
        }
    }

    /// <summary>Parses and validates a flow from JSON.</summary>
    /// <param name="json">The flow document.</param>
    /// <returns>The flow.</returns>
    /// <exception cref="ScriptedFlowException">The document is not valid; every problem is named by its path.</exception>
    public static ScriptedFlow Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parser = new ScriptedFlowParser();
        var flow = parser.Parse(json);
        if (flow is null || parser.Errors.Count > 0)
        {
            throw new ScriptedFlowException(parser.Errors);
        }

        return flow;
    }
}
