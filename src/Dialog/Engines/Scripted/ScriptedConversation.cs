using System.Text;
using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>
/// One call's run through a <see cref="ScriptedFlow"/>. Feed it what the caller said (<see cref="OnUtterance"/>), keyed
/// (<see cref="OnDigit"/>) or did not say (<see cref="OnNoInput"/>); each returns what to say and which tool to call.
/// Not thread-safe: the call's loop owns it. Deterministic.
/// </summary>
public sealed class ScriptedConversation
{
    private readonly ScriptedFlow _flow;
    private readonly ScriptedMatcher _matcher;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _transcript = [];
    private readonly StringBuilder _keyedDigits = new();
    private ScriptedIntent? _intent;
    private int _slotIndex;
    private int _reprompts;
    private bool _started;
    private string _lastUtterance = string.Empty;

    /// <summary>Creates a conversation.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="logger">Logger.</param>
    public ScriptedConversation(ScriptedFlow flow, ILogger<ScriptedConversation> logger)
        : this(flow, new ScriptedMatcher(flow), logger)
    {
    }

    /// <summary>Creates a conversation sharing a matcher already built for the flow.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="matcher">The flow's matcher (built once per flow, shared by its calls).</param>
    /// <param name="logger">Logger.</param>
    public ScriptedConversation(ScriptedFlow flow, ScriptedMatcher matcher, ILogger<ScriptedConversation> logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(logger);
        _flow = flow;
        _matcher = matcher;
        _logger = logger;
    }

    /// <summary>Whether the call is narrowband (G.711), so prompts offer the keypad.</summary>
    public bool IsNarrowband { get; private set; }

    /// <summary>Whether the conversation has ended.</summary>
    public bool Ended { get; private set; }

    /// <summary>What the caller said and keyed so far, in order ("pressed 1", "keyed 123456" for keys).</summary>
    public IReadOnlyList<string> Transcript => _transcript;

    /// <summary>Starts the conversation.</summary>
    /// <param name="narrowband">
    /// Whether the call is narrowband (G.711): speech recognition is unreliable there, so the greeting, reprompts and slot
    /// prompts say which keys to press.
    /// </param>
    /// <returns>The greeting (with the keypad menu on a narrowband call).</returns>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public ScriptedTurn Start(bool narrowband)
    {
        if (_started)
        {
            throw new InvalidOperationException("The scripted conversation has already started.");
        }

        _started = true;
        IsNarrowband = narrowband;
        return Turn(Join(_flow.Greeting, MenuText()), null);
    }

    /// <summary>Handles what the caller said (recognizer text: any case, punctuation, digits as words or figures).</summary>
    /// <param name="text">The utterance.</param>
    /// <returns>What to say and do.</returns>
    /// <exception cref="InvalidOperationException">Not started, or ended.</exception>
    public ScriptedTurn OnUtterance(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureActive();
        var tokens = ScriptedText.Tokenize(text);
        if (tokens.Length == 0)
        {
            return OnNoInput();
        }

        _keyedDigits.Clear();
        _lastUtterance = text.Trim();
        _transcript.Add(_lastUtterance);
        if (_intent is null)
        {
            var match = _matcher.Match(tokens);
            return match is null ? Reprompt(_flow.NoMatch, "no match") : Begin(match, tokens);
        }

        if (TryFill(_intent.Slots[_slotIndex], tokens))
        {
            _reprompts = 0;
            return Continue();
        }

        // The caller may have changed their mind ("actually, an agent please").
        var other = _matcher.Match(tokens);
        return other is not null && other.Intent != _intent ? Begin(other, tokens) : Reprompt(_flow.NoMatch, "slot not understood");
    }

    /// <summary>Handles a DTMF key.</summary>
    /// <param name="digit">'0'–'9', '*', '#' or 'A'–'D'.</param>
    /// <returns>What to say and do (an empty reply while keyed digits are still being collected).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a DTMF key.</exception>
    /// <exception cref="InvalidOperationException">Not started, or ended.</exception>
    public ScriptedTurn OnDigit(char digit)
    {
        if (!(char.IsAsciiDigit(digit) || digit is '*' or '#' or >= 'A' and <= 'D'))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "A DTMF key is 0–9, *, # or A–D.");
        }

        EnsureActive();
        if (_intent is null)
        {
            _lastUtterance = $"pressed {digit}";
            _transcript.Add(_lastUtterance);
            foreach (var intent in _flow.Intents)
            {
                if (intent.DtmfKey == digit)
                {
                    Log.IntentKeyed(_logger, intent.Id, digit);
                    return Begin(intent, null);
                }
            }

            return Reprompt(_flow.NoMatch, $"key {digit} selects nothing");
        }

        var slot = _intent.Slots[_slotIndex];
        switch (slot.Kind)
        {
            case ScriptedSlotKind.Digits when char.IsAsciiDigit(digit):
                _keyedDigits.Append(digit);
                return _keyedDigits.Length >= slot.MaxLength ? FinishKeyedDigits(slot) : Turn(string.Empty, null);
            case ScriptedSlotKind.Digits when digit == '#':
                return FinishKeyedDigits(slot);
            case ScriptedSlotKind.Digits when digit == '*':
                // Start over.
                _keyedDigits.Clear();
                return Turn(SlotPrompt(slot), null);
            case ScriptedSlotKind.YesNo when digit is '1' or '2':
                return Keyed(slot, digit == '1' ? "yes" : "no", digit);
            case ScriptedSlotKind.OneOf when digit is >= '1' and <= '9' && digit - '1' < slot.Values.Count:
                return Keyed(slot, slot.Values[digit - '1'], digit);
            default:
                _lastUtterance = $"pressed {digit}";
                _transcript.Add(_lastUtterance);
                _keyedDigits.Clear();
                return Reprompt(_flow.NoMatch, $"key {digit} does not answer {slot.Name}");
        }
    }

    /// <summary>Handles silence: the caller said nothing within the agent's silence timeout.</summary>
    /// <returns>What to say and do: a reprompt, or the fallback after too many. Keyed digits pending are taken as complete.</returns>
    /// <exception cref="InvalidOperationException">Not started, or ended.</exception>
    public ScriptedTurn OnNoInput()
    {
        EnsureActive();
        if (_intent is not null && _keyedDigits.Length > 0)
        {
            return FinishKeyedDigits(_intent.Slots[_slotIndex]);
        }

        return Reprompt(_flow.NoInput, "no input");
    }

    private ScriptedTurn Begin(ScriptedMatch match, string[] tokens)
    {
        Log.IntentMatched(_logger, match.Intent.Id, match.Phrase, match.Score);
        return Begin(match.Intent, tokens);
    }

    private ScriptedTurn Begin(ScriptedIntent intent, string[]? tokens)
    {
        _intent = intent;
        _values.Clear();
        _reprompts = 0;
        _keyedDigits.Clear();
        if (tokens is not null)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slot in intent.Slots)
            {
                if (TryRead(slot, tokens, used, out var value))
                {
                    _values[slot.Name] = value;
                }
            }
        }

        return Continue();
    }

    private ScriptedTurn Continue()
    {
        var intent = _intent!;
        for (var i = 0; i < intent.Slots.Count; i++)
        {
            if (!_values.ContainsKey(intent.Slots[i].Name))
            {
                _slotIndex = i;
                return Turn(SlotPrompt(intent.Slots[i]), null);
            }
        }

        return Complete(intent);
    }

    private ScriptedTurn Complete(ScriptedIntent intent)
    {
        var values = Values(intent);
        var reply = intent.Reply?.Render(values) ?? string.Empty;
        var tool = intent.Tool is null ? null : BuildTool(intent.Tool, values);
        if (tool is not null)
        {
            Log.ToolCalled(_logger, intent.Id, tool.Name);
        }

        if (intent.Tool?.EndsConversation == true)
        {
            Ended = true;
            return Turn(reply, tool, intent.Id);
        }

        _intent = null;
        _values.Clear();
        _reprompts = 0;
        return Turn(Join(reply, _flow.FollowUp), tool, intent.Id);
    }

    private ScriptedTurn Reprompt(string text, string reason)
    {
        _reprompts++;
        if (_reprompts > _flow.MaxReprompts)
        {
            var values = Values(_intent);
            var tool = BuildTool(_flow.Fallback.Tool, values);
            Log.Fallback(_logger, _reprompts - 1, tool.Name);
            Ended = true;
            return Turn(_flow.Fallback.Reply?.Render(values) ?? string.Empty, tool, _intent?.Id);
        }

        Log.Reprompt(_logger, _reprompts, _flow.MaxReprompts, reason);
        var question = _intent is null ? MenuText() : SlotPrompt(_intent.Slots[_slotIndex]);
        return Turn(Join(text, question), null);
    }

    private ScriptedTurn FinishKeyedDigits(ScriptedSlot slot)
    {
        var digits = _keyedDigits.ToString();
        _keyedDigits.Clear();
        _lastUtterance = digits.Length == 0 ? "pressed #" : $"keyed {digits}";
        _transcript.Add(_lastUtterance);
        if (digits.Length < slot.MinLength || digits.Length > slot.MaxLength)
        {
            return Reprompt(_flow.NoMatch, $"{digits.Length} digits keyed for {slot.Name}");
        }

        _values[slot.Name] = digits;
        _reprompts = 0;
        return Continue();
    }

    private ScriptedTurn Keyed(ScriptedSlot slot, string value, char digit)
    {
        _lastUtterance = $"pressed {digit}";
        _transcript.Add(_lastUtterance);
        _values[slot.Name] = value;
        _reprompts = 0;
        return Continue();
    }

    private bool TryFill(ScriptedSlot slot, string[] tokens)
    {
        if (!TryRead(slot, tokens, new HashSet<string>(StringComparer.Ordinal), out var value))
        {
            return false;
        }

        _values[slot.Name] = value;
        return true;
    }

    private static bool TryRead(ScriptedSlot slot, string[] tokens, HashSet<string> used, out string value)
    {
        switch (slot.Kind)
        {
            case ScriptedSlotKind.Digits:
                foreach (var token in tokens)
                {
                    if (char.IsAsciiDigit(token[0]) && token.Length >= slot.MinLength && token.Length <= slot.MaxLength && used.Add(token))
                    {
                        value = token;
                        return true;
                    }
                }

                break;
            case ScriptedSlotKind.YesNo:
                if (ScriptedText.FindYesNo(tokens) is { } yesNo)
                {
                    value = yesNo;
                    return true;
                }

                break;
            case ScriptedSlotKind.OneOf:
                foreach (var candidate in slot.Values)
                {
                    if (ScriptedText.Contains(tokens, ScriptedText.Tokenize(candidate)))
                    {
                        value = candidate;
                        return true;
                    }
                }

                break;
        }

        value = string.Empty;
        return false;
    }

    private Dictionary<string, string> Values(ScriptedIntent? intent) => new(_values, StringComparer.Ordinal)
    {
        [ScriptedTemplate.Utterance] = _lastUtterance,
        [ScriptedTemplate.Transcript] = string.Join("; ", _transcript),
        [ScriptedTemplate.Intent] = intent?.Id ?? string.Empty,
    };

    private ToolCall BuildTool(ScriptedToolSpec spec, Dictionary<string, string> values) => spec.Kind switch
    {
        ScriptedToolKind.TransferToQueue => new ToolCall(spec.Kind, "transfer_to_queue", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["queue_id"] = spec.QueueId!,
            ["summary"] = spec.Summary?.Render(values) ?? string.Empty,
        }),
        ScriptedToolKind.EndCall => new ToolCall(spec.Kind, "end_call", new Dictionary<string, string>(StringComparer.Ordinal)),
        ScriptedToolKind.SendDtmf => new ToolCall(spec.Kind, "send_dtmf", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["digits"] = spec.Digits!.Render(values),
        }),
        _ => new ToolCall(spec.Kind, spec.WebhookName!, new Dictionary<string, string>(_values, StringComparer.Ordinal)),
    };

    private string? MenuText()
    {
        if (!IsNarrowband)
        {
            return null;
        }

        var menu = new StringBuilder();
        foreach (var intent in _flow.Intents)
        {
            if (intent.DtmfKey is { } key)
            {
                menu.Append(menu.Length == 0 ? string.Empty : " ").Append("Press ").Append(key).Append(' ').Append(intent.Label!.Trim().TrimEnd('.')).Append('.');
            }
        }

        return menu.Length == 0 ? null : menu.ToString();
    }

    private string SlotPrompt(ScriptedSlot slot)
    {
        if (!IsNarrowband)
        {
            return slot.Prompt;
        }

        switch (slot.Kind)
        {
            case ScriptedSlotKind.Digits:
                return Join(slot.Prompt, _flow.DigitsKeypadHint);
            case ScriptedSlotKind.YesNo:
                return Join(slot.Prompt, _flow.YesNoKeypadHint);
            default:
                var keys = new StringBuilder(slot.Prompt);
                for (var i = 0; i < slot.Values.Count; i++)
                {
                    keys.Append(" Press ").Append(i + 1).Append(" for ").Append(slot.Values[i]).Append('.');
                }

                return keys.ToString();
        }
    }

    private ScriptedTurn Turn(string reply, ToolCall? tool, string? intentId = null)
    {
        var expecting = Ended ? ScriptedExpectation.Nothing : _intent is null ? ScriptedExpectation.Intent : _intent.Slots[_slotIndex].Kind switch
        {
            ScriptedSlotKind.Digits => ScriptedExpectation.Digits,
            ScriptedSlotKind.YesNo => ScriptedExpectation.YesNo,
            _ => ScriptedExpectation.OneOf,
        };
        return new ScriptedTurn(reply, tool, Ended, intentId ?? _intent?.Id, expecting);
    }

    private void EnsureActive()
    {
        if (!_started)
        {
            throw new InvalidOperationException("Call Start before feeding the scripted conversation.");
        }

        if (Ended)
        {
            throw new InvalidOperationException("The scripted conversation has ended.");
        }
    }

    private static string Join(string first, string? second) =>
        string.IsNullOrEmpty(second) ? first : string.IsNullOrEmpty(first) ? second : $"{first} {second}";
}
