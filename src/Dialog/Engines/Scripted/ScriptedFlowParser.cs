using System.Text.Json;

namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>Reads a <see cref="ScriptedFlow"/> from JSON, collecting every problem with its path instead of stopping at the first.</summary>
internal sealed class ScriptedFlowParser
{
    private const int MaxDigits = 32;

    private static readonly string[] s_rootProperties =
        ["greeting", "noMatch", "noInput", "maxReprompts", "matchThreshold", "followUp", "digitsKeypadHint", "yesNoKeypadHint", "fallback", "intents"];

    private static readonly string[] s_intentProperties = ["id", "phrases", "dtmf", "label", "slots", "reply", "tool"];
    private static readonly string[] s_slotProperties = ["name", "kind", "prompt", "minLength", "maxLength", "values"];
    private static readonly string[] s_toolProperties = ["kind", "queue", "summary", "digits", "name"];
    private static readonly string[] s_fallbackProperties = ["reply", "tool"];

    private static readonly HashSet<string> s_noSlots = new(StringComparer.Ordinal);

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public ScriptedFlow? Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            _errors.Add($"$: not valid JSON ({e.Message})");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _errors.Add("$: must be an object");
                return null;
            }

            CheckProperties(root, "", s_rootProperties);
            var greeting = RequiredString(root, "", "greeting");
            var noMatch = RequiredString(root, "", "noMatch");
            var noInput = RequiredString(root, "", "noInput");
            var maxReprompts = OptionalInt(root, "", "maxReprompts", 0, 10) ?? ScriptedFlow.DefaultMaxReprompts;
            var threshold = ScriptedFlow.DefaultMatchThreshold;
            if (root.TryGetProperty("matchThreshold", out var thresholdElement))
            {
                if (thresholdElement.ValueKind != JsonValueKind.Number || !thresholdElement.TryGetDouble(out threshold) || threshold <= 0 || threshold > 1)
                {
                    _errors.Add("matchThreshold: must be a number above 0 and at most 1");
                }
            }

            var followUp = OptionalString(root, "", "followUp");
            var digitsHint = OptionalString(root, "", "digitsKeypadHint") ?? ScriptedFlow.DefaultDigitsKeypadHint;
            var yesNoHint = OptionalString(root, "", "yesNoKeypadHint") ?? ScriptedFlow.DefaultYesNoKeypadHint;
            var fallback = ParseFallback(root);
            var intents = ParseIntents(root);

            if (_errors.Count > 0 || greeting is null || noMatch is null || noInput is null || fallback is null)
            {
                return null;
            }

            return new ScriptedFlow(greeting, noMatch, noInput, maxReprompts, threshold, followUp, digitsHint, yesNoHint, fallback, intents);
        }
    }

    private ScriptedFallback? ParseFallback(JsonElement root)
    {
        if (!root.TryGetProperty("fallback", out var element))
        {
            _errors.Add("fallback: required (what happens after too many reprompts)");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add("fallback: must be an object");
            return null;
        }

        CheckProperties(element, "fallback", s_fallbackProperties);
        var reply = OptionalTemplate(element, "fallback", "reply", s_noSlots);
        if (!element.TryGetProperty("tool", out var toolElement))
        {
            _errors.Add("fallback.tool: required (transfer_to_queue or end_call)");
            return null;
        }

        var tool = ParseTool(toolElement, "fallback.tool", s_noSlots);
        if (toolElement.ValueKind == JsonValueKind.Object && toolElement.TryGetProperty("kind", out var kind)
            && kind.ValueKind == JsonValueKind.String && kind.GetString() is "send_dtmf" or "webhook")
        {
            _errors.Add("fallback.tool.kind: must be transfer_to_queue or end_call, so that the call ends");
        }

        return tool is null || !tool.EndsConversation ? null : new ScriptedFallback(reply, tool);
    }

    private List<ScriptedIntent> ParseIntents(JsonElement root)
    {
        var intents = new List<ScriptedIntent>();
        if (!root.TryGetProperty("intents", out var array))
        {
            _errors.Add("intents: required");
            return intents;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            _errors.Add("intents: must be a non-empty array");
            return intents;
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<char, string>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"intents[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                _errors.Add($"{path}: must be an object");
                continue;
            }

            var intent = ParseIntent(element, path, ids, keys);
            if (intent is not null)
            {
                intents.Add(intent);
            }
        }

        return intents;
    }

    private ScriptedIntent? ParseIntent(JsonElement element, string path, Dictionary<string, string> ids, Dictionary<char, string> keys)
    {
        var errorsBefore = _errors.Count;
        CheckProperties(element, path, s_intentProperties);
        var id = RequiredString(element, path, "id");
        if (id is not null)
        {
            if (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                _errors.Add($"{path}.id: '{id}' may hold only lower case letters, digits, '_' and '-'");
            }
            else if (ids.TryGetValue(id, out var first))
            {
                _errors.Add($"{path}.id: duplicate intent id '{id}' (also {first})");
            }
            else
            {
                ids[id] = path;
            }
        }

        var phrases = new List<string>();
        if (element.TryGetProperty("phrases", out var phrasesElement))
        {
            if (phrasesElement.ValueKind != JsonValueKind.Array)
            {
                _errors.Add($"{path}.phrases: must be an array of strings");
            }
            else
            {
                var i = 0;
                foreach (var phrase in phrasesElement.EnumerateArray())
                {
                    var phrasePath = $"{path}.phrases[{i++}]";
                    if (phrase.ValueKind != JsonValueKind.String || ScriptedText.Tokenize(phrase.GetString()!).Length == 0)
                    {
                        _errors.Add($"{phrasePath}: must be a string with at least one word");
                    }
                    else
                    {
                        phrases.Add(phrase.GetString()!);
                    }
                }
            }
        }

        char? key = null;
        var dtmf = OptionalString(element, path, "dtmf");
        if (dtmf is not null)
        {
            if (dtmf.Length != 1 || !(char.IsAsciiDigit(dtmf[0]) || dtmf[0] == '*'))
            {
                _errors.Add($"{path}.dtmf: '{dtmf}' must be one key, 0–9 or * ('#' ends keyed digits)");
            }
            else if (keys.TryGetValue(dtmf[0], out var first))
            {
                _errors.Add($"{path}.dtmf: key '{dtmf}' is already used by {first}");
            }
            else
            {
                key = dtmf[0];
                keys[key.Value] = path;
            }
        }

        var label = OptionalString(element, path, "label");
        if (dtmf is not null && string.IsNullOrWhiteSpace(label))
        {
            _errors.Add($"{path}.label: required with dtmf (menu text after \"Press {dtmf}\", such as \"for billing\")");
        }

        if (phrases.Count == 0 && dtmf is null)
        {
            _errors.Add($"{path}: needs phrases or a dtmf key");
        }

        // Names of every slot declared, valid or not, so that one bad slot does not make its placeholders unknown too.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var slots = ParseSlots(element, path, names);
        var reply = OptionalTemplate(element, path, "reply", names);
        ScriptedToolSpec? tool = null;
        if (element.TryGetProperty("tool", out var toolElement))
        {
            tool = ParseTool(toolElement, $"{path}.tool", names);
        }

        if (!element.TryGetProperty("reply", out _) && !element.TryGetProperty("tool", out _))
        {
            _errors.Add($"{path}: needs a reply or a tool");
        }

        return _errors.Count > errorsBefore || id is null ? null : new ScriptedIntent(id, phrases, key, label, slots, reply, tool);
    }

    private List<ScriptedSlot> ParseSlots(JsonElement intent, string intentPath, HashSet<string> names)
    {
        var slots = new List<ScriptedSlot>();
        if (!intent.TryGetProperty("slots", out var array))
        {
            return slots;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add($"{intentPath}.slots: must be an array");
            return slots;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"{intentPath}.slots[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                _errors.Add($"{path}: must be an object");
                continue;
            }

            var errorsBefore = _errors.Count;
            CheckProperties(element, path, s_slotProperties);
            var name = RequiredString(element, path, "name");
            if (name is not null)
            {
                if (!ScriptedTemplate.IsName(name))
                {
                    _errors.Add($"{path}.name: '{name}' must start with a lower case letter and hold only lower case letters, digits and '_'");
                }
                else if (ScriptedTemplate.IsBuiltIn(name))
                {
                    _errors.Add($"{path}.name: '{name}' is a built-in placeholder");
                }
                else if (!names.Add(name))
                {
                    _errors.Add($"{path}.name: duplicate slot '{name}'");
                }
            }

            var prompt = RequiredString(element, path, "prompt");
            var kindText = RequiredString(element, path, "kind");
            ScriptedSlotKind? kind = kindText switch
            {
                null => null,
                "digits" => ScriptedSlotKind.Digits,
                "yes_no" => ScriptedSlotKind.YesNo,
                "one_of" => ScriptedSlotKind.OneOf,
                _ => null,
            };
            if (kindText is not null && kind is null)
            {
                _errors.Add($"{path}.kind: unknown slot kind '{kindText}' (digits, yes_no or one_of)");
            }

            var minLength = OptionalInt(element, path, "minLength", 1, MaxDigits);
            var maxLength = OptionalInt(element, path, "maxLength", 1, MaxDigits);
            if (kind is not ScriptedSlotKind.Digits && (minLength is not null || maxLength is not null))
            {
                _errors.Add($"{path}: minLength and maxLength are for digits slots only");
            }

            var min = minLength ?? 1;
            var max = maxLength ?? 16;
            if (kind is ScriptedSlotKind.Digits && min > max)
            {
                _errors.Add($"{path}.minLength: {min} is above maxLength {max}");
            }

            var values = new List<string>();
            if (element.TryGetProperty("values", out var valuesElement))
            {
                if (kind is not ScriptedSlotKind.OneOf)
                {
                    _errors.Add($"{path}.values: for one_of slots only");
                }
                else if (valuesElement.ValueKind != JsonValueKind.Array)
                {
                    _errors.Add($"{path}.values: must be an array of strings");
                }
                else
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    var i = 0;
                    foreach (var value in valuesElement.EnumerateArray())
                    {
                        var valuePath = $"{path}.values[{i++}]";
                        if (value.ValueKind != JsonValueKind.String || ScriptedText.Tokenize(value.GetString()!).Length == 0)
                        {
                            _errors.Add($"{valuePath}: must be a string with at least one word");
                        }
                        else if (!seen.Add(ScriptedText.Normalize(value.GetString()!)))
                        {
                            _errors.Add($"{valuePath}: duplicate value '{value.GetString()}'");
                        }
                        else
                        {
                            values.Add(value.GetString()!);
                        }
                    }
                }
            }

            if (kind is ScriptedSlotKind.OneOf && (values.Count == 0 || values.Count > 9))
            {
                _errors.Add($"{path}.values: a one_of slot needs 1 to 9 values (keys 1–9 pick them)");
            }

            if (_errors.Count == errorsBefore && name is not null && prompt is not null && kind is not null)
            {
                slots.Add(new ScriptedSlot(name, kind.Value, prompt, min, max, values));
            }
        }

        return slots;
    }

    private ScriptedToolSpec? ParseTool(JsonElement element, string path, IReadOnlySet<string> slotNames)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add($"{path}: must be an object");
            return null;
        }

        var errorsBefore = _errors.Count;
        CheckProperties(element, path, s_toolProperties);
        var kindText = RequiredString(element, path, "kind");
        ScriptedToolKind? kind = kindText switch
        {
            null => null,
            "transfer_to_queue" => ScriptedToolKind.TransferToQueue,
            "end_call" => ScriptedToolKind.EndCall,
            "send_dtmf" => ScriptedToolKind.SendDtmf,
            "webhook" => ScriptedToolKind.Webhook,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            _errors.Add($"{path}.kind: unknown tool '{kindText}' (transfer_to_queue, end_call, send_dtmf or webhook)");
        }

        string? queue = null;
        ScriptedTemplate? summary = null;
        ScriptedTemplate? digits = null;
        string? webhook = null;
        foreach (var property in element.EnumerateObject())
        {
            var allowed = (property.Name, kind) switch
            {
                ("kind", _) => true,
                ("queue" or "summary", ScriptedToolKind.TransferToQueue) => true,
                ("digits", ScriptedToolKind.SendDtmf) => true,
                ("name", ScriptedToolKind.Webhook) => true,
                (_, null) => true,
                _ => !s_toolProperties.Contains(property.Name),
            };
            if (!allowed)
            {
                _errors.Add($"{path}.{property.Name}: not used by {kindText}");
            }
        }

        switch (kind)
        {
            case ScriptedToolKind.TransferToQueue:
                queue = RequiredString(element, path, "queue");
                summary = OptionalTemplate(element, path, "summary", slotNames);
                if (summary is null && !element.TryGetProperty("summary", out _) && ScriptedTemplate.TryParse("{transcript}", out var transcript, out _))
                {
                    summary = transcript;
                }

                break;
            case ScriptedToolKind.SendDtmf:
                if (!element.TryGetProperty("digits", out _))
                {
                    _errors.Add($"{path}.digits: required");
                }

                digits = OptionalTemplate(element, path, "digits", slotNames);
                if (digits is not null)
                {
                    var literal = digits.Render(new Dictionary<string, string>());
                    if (literal.Any(c => !(char.IsAsciiDigit(c) || c is '*' or '#' or >= 'A' and <= 'D')))
                    {
                        _errors.Add($"{path}.digits: '{digits.Text}' may hold only 0–9, *, #, A–D and placeholders");
                    }
                    else if (literal.Length == 0 && digits.Placeholders.Count == 0)
                    {
                        _errors.Add($"{path}.digits: must not be empty");
                    }
                }

                break;
            case ScriptedToolKind.Webhook:
                webhook = RequiredString(element, path, "name");
                if (webhook is not null && !webhook.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                {
                    _errors.Add($"{path}.name: '{webhook}' may hold only ASCII letters, digits, '_', '-' and '.'");
                }

                break;
        }

        return _errors.Count > errorsBefore || kind is null ? null : new ScriptedToolSpec(kind.Value, queue, summary, digits, webhook);
    }

    private ScriptedTemplate? OptionalTemplate(JsonElement parent, string parentPath, string name, IReadOnlySet<string> slotNames)
    {
        var text = OptionalString(parent, parentPath, name);
        if (text is null)
        {
            return null;
        }

        var path = Join(parentPath, name);
        if (!ScriptedTemplate.TryParse(text, out var template, out var error))
        {
            _errors.Add($"{path}: {error}");
            return null;
        }

        var ok = true;
        foreach (var placeholder in template!.Placeholders)
        {
            if (!slotNames.Contains(placeholder) && !ScriptedTemplate.IsBuiltIn(placeholder))
            {
                var known = string.Join(", ", slotNames.Order(StringComparer.Ordinal).Concat(["utterance", "transcript", "intent"]));
                _errors.Add($"{path}: unknown placeholder {{{placeholder}}} (known: {known})");
                ok = false;
            }
        }

        return ok ? template : null;
    }

    private string? RequiredString(JsonElement parent, string parentPath, string name)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            _errors.Add($"{Join(parentPath, name)}: required");
            return null;
        }

        return StringValue(element, Join(parentPath, name));
    }

    private string? OptionalString(JsonElement parent, string parentPath, string name) =>
        parent.TryGetProperty(name, out var element) ? StringValue(element, Join(parentPath, name)) : null;

    private string? StringValue(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            _errors.Add($"{path}: must be a non-empty string");
            return null;
        }

        return element.GetString();
    }

    private int? OptionalInt(JsonElement parent, string parentPath, string name, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            _errors.Add($"{Join(parentPath, name)}: must be a whole number from {min} to {max}");
            return null;
        }

        return value;
    }

    private void CheckProperties(JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                _errors.Add($"{Join(path, property.Name)}: unknown property (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string Join(string parentPath, string name) => parentPath.Length == 0 ? name : $"{parentPath}.{name}";
}
