using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Llama;

/// <summary>
/// A llama.cpp language model loaded once per process: tokenizer, chat template from the GGUF metadata, and
/// <see cref="LlamaSession"/>s (one context each, one per conversation). The system-prompt prefix of an agent is kept as a
/// KV-cache snapshot per agent key, so each new conversation of the same agent version starts with it already evaluated.
/// </summary>
public sealed partial class LlamaEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, LlamaPrefixState> _prefixStates = new(StringComparer.Ordinal);
    private readonly ILogger<LlamaEngine> _logger;
    private IntPtr _model;

    /// <summary>Loads the model.</summary>
    /// <param name="options">Model path and context sizing; validated.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="FileNotFoundException">The model file is missing.</exception>
    /// <exception cref="DllNotFoundException">llama.cpp is not installed.</exception>
    /// <exception cref="InvalidOperationException">llama.cpp could not load the file.</exception>
    public LlamaEngine(LlamaEngineOptions options, ILogger<LlamaEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        Options = options;
        _logger = logger;

        LlamaNative.EnsureInitialized();

        var modelParams = LlamaNative.llama_model_default_params();
        modelParams.NGpuLayers = options.GpuLayers;
        LlamaNative.TakeNativeError();
        _model = LlamaNative.llama_model_load_from_file(Path.GetFullPath(options.ModelPath), modelParams);
        if (_model == IntPtr.Zero)
        {
            throw new InvalidOperationException($"llama.cpp could not load the model '{options.ModelPath}': {LlamaNative.TakeNativeError()}");
        }

        Vocab = LlamaNative.llama_model_get_vocab(_model);
        VocabularySize = LlamaNative.llama_vocab_n_tokens(Vocab);
        TrainingContextSize = LlamaNative.llama_model_n_ctx_train(_model);
        ChatTemplate = Marshal.PtrToStringUTF8(LlamaNative.llama_model_chat_template(_model, null));
        Log.ModelLoaded(_logger, options.ModelPath, VocabularySize, TrainingContextSize, ChatTemplate is not null, options.Threads);
    }

    /// <summary>The options the model was loaded with.</summary>
    public LlamaEngineOptions Options { get; }

    /// <summary>The chat template from the GGUF metadata (<c>tokenizer.chat_template</c>), or null when the model has none.</summary>
    public string? ChatTemplate { get; }

    /// <summary>Tokens in the vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>Context length the model was trained with.</summary>
    public int TrainingContextSize { get; }

    internal IntPtr Model => _model != IntPtr.Zero ? _model : throw new ObjectDisposedException(nameof(LlamaEngine));

    internal IntPtr Vocab { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// Formats a conversation with a chat template through <c>llama_chat_apply_template</c>: a template text or a built-in
    /// template name such as <c>chatml</c> or <c>llama3</c>.
    /// </summary>
    /// <param name="template">Template text or built-in name.</param>
    /// <param name="messages">The conversation.</param>
    /// <param name="addAssistant">Whether to end with the opening of an assistant reply.</param>
    /// <returns>The prompt text.</returns>
    /// <exception cref="ArgumentException">llama.cpp does not support the template.</exception>
    public static string ApplyTemplate(string template, IReadOnlyList<LlamaChatMessage> messages, bool addAssistant)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentNullException.ThrowIfNull(messages);
        LlamaNative.EnsureInitialized();
        var chat = new LlamaNative.ChatMessage[messages.Count];
        try
        {
            var size = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                chat[i] = new LlamaNative.ChatMessage { Role = Marshal.StringToCoTaskMemUTF8(messages[i].Role), Content = Marshal.StringToCoTaskMemUTF8(messages[i].Content) };
                size += Encoding.UTF8.GetByteCount(messages[i].Role) + Encoding.UTF8.GetByteCount(messages[i].Content);
            }

            var buffer = new byte[(2 * size) + 256];
            var length = LlamaNative.llama_chat_apply_template(template, chat, (nuint)chat.Length, addAssistant, buffer, buffer.Length);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
                length = LlamaNative.llama_chat_apply_template(template, chat, (nuint)chat.Length, addAssistant, buffer, buffer.Length);
            }

            if (length < 0)
            {
                throw new ArgumentException($"llama.cpp does not support the chat template '{(template.Length > 60 ? template[..60] + "…" : template)}'.", nameof(template));
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            foreach (var message in chat)
            {
                Marshal.FreeCoTaskMem(message.Role);
                Marshal.FreeCoTaskMem(message.Content);
            }
        }
    }

    /// <summary>
    /// Formats a conversation with the model's own chat template, or, when the model has none (base models such as
    /// stories260K), as plain lines <c>role: text</c> ending with <c>assistant:</c>.
    /// </summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="addAssistant">Whether to end with the opening of an assistant reply.</param>
    /// <returns>The prompt text.</returns>
    public string FormatChat(IReadOnlyList<LlamaChatMessage> messages, bool addAssistant = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (ChatTemplate is { } template)
        {
            return ApplyTemplate(template, messages, addAssistant);
        }

        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(message.Role).Append(": ").Append(message.Content).Append('\n');
        }

        if (addAssistant)
        {
            text.Append("assistant:");
        }

        return text.ToString();
    }

    /// <summary>Tokenizes text (with the model's BOS when it wants one, special tokens parsed).</summary>
    /// <param name="text">The text.</param>
    /// <param name="addSpecial">Whether to add BOS/EOS as the model is configured to.</param>
    /// <returns>Token ids.</returns>
    public int[] Tokenize(string text, bool addSpecial = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var needed = LlamaNative.llama_tokenize(Vocab, bytes, bytes.Length, null, 0, addSpecial, parseSpecial: true);
        if (needed == int.MinValue)
        {
            throw new ArgumentException("The text is too long to tokenize.", nameof(text));
        }

        var tokens = new int[Math.Abs(needed)];
        if (tokens.Length == 0)
        {
            return tokens;
        }

        var count = LlamaNative.llama_tokenize(Vocab, bytes, bytes.Length, tokens, tokens.Length, addSpecial, parseSpecial: true);
        return count == tokens.Length ? tokens : tokens[..Math.Max(count, 0)];
    }

    /// <summary>Opens a conversation: its own context (KV cache) with <see cref="LlamaEngineOptions.Threads"/> threads.</summary>
    /// <param name="agentKey">
    /// Identifies the agent version (for example "agent-7@v3"): the first system prompt evaluated under this key is kept, and
    /// later sessions with the same key whose prompt starts with it begin from that KV-cache snapshot. Null disables sharing.
    /// </param>
    /// <returns>The session; dispose it at the end of the conversation.</returns>
    public LlamaSession CreateSession(string? agentKey = null) => new(this, agentKey);

    /// <summary>Forgets the stored system-prompt snapshot of an agent (after its prompt changed).</summary>
    /// <param name="agentKey">The key.</param>
    public void ForgetAgent(string agentKey) => _prefixStates.TryRemove(agentKey, out _);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_model != IntPtr.Zero)
        {
            LlamaNative.llama_model_free(_model);
            _model = IntPtr.Zero;
        }
    }

    internal LlamaPrefixState? GetPrefixState(string agentKey) => _prefixStates.GetValueOrDefault(agentKey);

    internal void StorePrefixState(string agentKey, LlamaPrefixState state)
    {
        if (_prefixStates.TryAdd(agentKey, state))
        {
            Log.PrefixStored(_logger, agentKey, state.Tokens.Length, state.State.Length);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3300, LogLevel.Information, "Language model {Path} loaded: {VocabularySize} tokens, trained context {TrainingContext}, chat template {HasTemplate}, {Threads} thread(s)")]
        public static partial void ModelLoaded(ILogger logger, string path, int vocabularySize, int trainingContext, bool hasTemplate, int threads);

        [LoggerMessage(3301, LogLevel.Debug, "Agent {AgentKey}: system prompt of {Tokens} tokens kept ({Bytes} bytes of KV cache)")]
        public static partial void PrefixStored(ILogger logger, string agentKey, int tokens, int bytes);
    }
}
