using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Softswitch.Dialog.Engines.Llama;

/// <summary>
/// One conversation on a <see cref="LlamaEngine"/>: its own llama.cpp context whose KV cache keeps what was evaluated,
/// so each turn evaluates only the tokens after the longest common prefix with the previous prompt (the system prompt
/// and earlier turns stay). Not thread-safe: one reply at a time.
/// </summary>
public sealed partial class LlamaSession : IDisposable
{
    private readonly LlamaEngine _engine;
    private readonly string? _agentKey;
    private readonly List<int> _evaluated = [];
    private readonly int _batchSize;
    private IntPtr _context;
    private IntPtr _tokenBuffer;
    private byte[] _pieceBuffer = new byte[64];
    private int _busy;

    internal LlamaSession(LlamaEngine engine, string? agentKey)
    {
        _engine = engine;
        _agentKey = agentKey;
        var options = engine.Options;
        var parameters = LlamaNative.llama_context_default_params();
        parameters.NCtx = (uint)options.ContextSize;
        parameters.NBatch = (uint)options.BatchSize;
        parameters.NUbatch = (uint)options.BatchSize;
        parameters.NSeqMax = 1;
        parameters.NThreads = options.Threads;
        parameters.NThreadsBatch = options.Threads;
        parameters.NoPerf = 1;
        _context = LlamaNative.llama_init_from_model(engine.Model, parameters);
        if (_context == IntPtr.Zero)
        {
            throw new InvalidOperationException($"llama.cpp could not create a context for '{options.ModelPath}': {LlamaNative.TakeNativeError()}");
        }

        ContextSize = (int)LlamaNative.llama_n_ctx(_context);
        _batchSize = options.BatchSize;
        _tokenBuffer = Marshal.AllocHGlobal(_batchSize * sizeof(int));
    }

    /// <summary>The context length in tokens.</summary>
    public int ContextSize { get; }

    /// <summary>Tokens held in the KV cache now.</summary>
    public int CachedTokens => _evaluated.Count;

    /// <summary>Figures of the last reply.</summary>
    public LlamaGenerationStats LastStats { get; private set; } = new(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Formats the conversation with the model's chat template and streams the assistant's reply.</summary>
    /// <param name="messages">The whole conversation so far; a leading "system" message is the agent's prompt that is kept per agent key.</param>
    /// <param name="options">Sampling, stop sequences, grammar; null for greedy defaults.</param>
    /// <param name="cancellationToken">Stops between tokens.</param>
    /// <returns>Text pieces as they are decoded.</returns>
    public IAsyncEnumerable<string> ReplyAsync(IReadOnlyList<LlamaChatMessage> messages, LlamaGenerationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = _engine.FormatChat(messages, addAssistant: true);
        string? systemPrefix = messages.Count > 0 && messages[0].Role == "system" ? _engine.FormatChat([messages[0]], addAssistant: false) : null;
        return GenerateAsync(prompt, systemPrefix, options, cancellationToken);
    }

    /// <summary>Continues a raw text prompt (no chat template) and streams the continuation.</summary>
    /// <param name="prompt">The text.</param>
    /// <param name="options">Sampling, stop sequences, grammar; null for greedy defaults.</param>
    /// <param name="cancellationToken">Stops between tokens.</param>
    /// <returns>Text pieces as they are decoded.</returns>
    public IAsyncEnumerable<string> CompleteAsync(string prompt, LlamaGenerationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return GenerateAsync(prompt, null, options, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_context != IntPtr.Zero)
        {
            LlamaNative.llama_free(_context);
            _context = IntPtr.Zero;
        }

        if (_tokenBuffer != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_tokenBuffer);
            _tokenBuffer = IntPtr.Zero;
        }
    }

    private static int CommonPrefix(List<int> a, int[] b)
    {
        var n = Math.Min(a.Count, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private async IAsyncEnumerable<string> GenerateAsync(string prompt, string? systemPrefix, LlamaGenerationOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new LlamaGenerationOptions();
        options.Validate();
        ObjectDisposedException.ThrowIf(_context == IntPtr.Zero, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The session is already generating a reply.");
        }

        var sampler = IntPtr.Zero;
        try
        {
            sampler = CreateSampler(options);
            var tokens = _engine.Tokenize(prompt);
            var prefixLength = systemPrefix is null ? 0 : CommonPrefix([.. _engine.Tokenize(systemPrefix)], tokens);
            var clock = Stopwatch.StartNew();
            var evaluated = await Task.Run(() => EvaluatePrompt(tokens, prefixLength), cancellationToken).ConfigureAwait(false);
            var promptTime = clock.Elapsed;
            clock.Restart();

            var decoder = Encoding.UTF8.GetDecoder();
            var filter = new LlamaStopFilter(options.StopSequences);
            var generated = 0;
            while (generated < options.MaxTokens && _evaluated.Count < ContextSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = await Task.Run(() => LlamaNative.llama_sampler_sample(sampler, _context, -1), cancellationToken).ConfigureAwait(false);
                generated++;
                if (LlamaNative.llama_vocab_is_eog(_engine.Vocab, token))
                {
                    break;
                }

                var text = filter.Push(Piece(token, decoder));
                if (text.Length > 0)
                {
                    yield return text;
                }

                if (filter.Stopped)
                {
                    break;
                }

                if (generated < options.MaxTokens)
                {
                    await Task.Run(() => Decode([token]), cancellationToken).ConfigureAwait(false);
                }
            }

            var rest = filter.Flush();
            if (rest.Length > 0)
            {
                yield return rest;
            }

            LastStats = new LlamaGenerationStats(tokens.Length, evaluated, generated, promptTime, clock.Elapsed);
            Log.ReplyFinished(_engine.Logger, tokens.Length, evaluated, generated, LastStats.TokensPerSecond);
        }
        finally
        {
            if (sampler != IntPtr.Zero)
            {
                LlamaNative.llama_sampler_free(sampler);
            }

            Volatile.Write(ref _busy, 0);
        }
    }

    private IntPtr CreateSampler(LlamaGenerationOptions options)
    {
        var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        if (options.Grammar is { } grammar)
        {
            LlamaNative.TakeNativeError();
            var constrained = LlamaNative.llama_sampler_init_grammar(_engine.Vocab, grammar, options.GrammarRoot);
            if (constrained == IntPtr.Zero)
            {
                LlamaNative.llama_sampler_free(chain);
                throw new ArgumentException($"llama.cpp rejected the grammar: {LlamaNative.TakeNativeError()}", nameof(options));
            }

            LlamaNative.llama_sampler_chain_add(chain, constrained);
        }

        if (options.Temperature == 0)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_greedy());
        }
        else
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_top_p(options.TopP, 1));
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_temp(options.Temperature));
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_dist(options.Seed));
        }

        return chain;
    }

    /// <summary>Brings the KV cache to <paramref name="tokens"/>, evaluating only what differs; returns how many tokens were evaluated.</summary>
    private int EvaluatePrompt(int[] tokens, int prefixLength)
    {
        if (tokens.Length == 0)
        {
            throw new ArgumentException("The prompt is empty.");
        }

        if (tokens.Length >= ContextSize)
        {
            throw new InvalidOperationException($"The prompt has {tokens.Length} tokens; the context holds {ContextSize}.");
        }

        if (_evaluated.Count == 0 && _agentKey is not null && _engine.GetPrefixState(_agentKey) is { } stored
            && stored.Tokens.Length < tokens.Length && tokens.AsSpan(0, stored.Tokens.Length).SequenceEqual(stored.Tokens))
        {
            if (LlamaNative.llama_state_seq_set_data(_context, stored.State, (nuint)stored.State.Length, 0) != 0)
            {
                _evaluated.AddRange(stored.Tokens);
                Log.PrefixReused(_engine.Logger, _agentKey, stored.Tokens.Length);
            }
        }

        var common = CommonPrefix(_evaluated, tokens);
        if (common == tokens.Length)
        {
            common--; // the last prompt token is evaluated again for its logits
        }

        if (common < _evaluated.Count)
        {
            LlamaNative.llama_memory_seq_rm(LlamaNative.llama_get_memory(_context), 0, common, -1);
            _evaluated.RemoveRange(common, _evaluated.Count - common);
        }

        var start = common;
        if (_agentKey is not null && prefixLength > start && prefixLength < tokens.Length && _engine.GetPrefixState(_agentKey) is null)
        {
            Decode(tokens.AsSpan(start, prefixLength - start));
            var size = LlamaNative.llama_state_seq_get_size(_context, 0);
            var state = new byte[(int)size];
            if (LlamaNative.llama_state_seq_get_data(_context, state, size, 0) == size)
            {
                _engine.StorePrefixState(_agentKey, new LlamaPrefixState(tokens[..prefixLength], state));
            }

            start = prefixLength;
        }

        Decode(tokens.AsSpan(start));
        return tokens.Length - common;
    }

    private void Decode(ReadOnlySpan<int> tokens)
    {
        while (tokens.Length > 0)
        {
            var count = Math.Min(tokens.Length, _batchSize);
            if (_evaluated.Count + count > ContextSize)
            {
                throw new InvalidOperationException($"The context of {ContextSize} tokens is full.");
            }

            for (var i = 0; i < count; i++)
            {
                Marshal.WriteInt32(_tokenBuffer, i * sizeof(int), tokens[i]);
            }

            var batch = new LlamaNative.Batch { NTokens = count, Token = _tokenBuffer };
            var result = LlamaNative.llama_decode(_context, batch);
            if (result != 0)
            {
                throw new InvalidOperationException($"llama_decode failed ({result}): {LlamaNative.TakeNativeError()}");
            }

            for (var i = 0; i < count; i++)
            {
                _evaluated.Add(tokens[i]);
            }

            tokens = tokens[count..];
        }
    }

    private string Piece(int token, Decoder decoder)
    {
        var length = LlamaNative.llama_token_to_piece(_engine.Vocab, token, _pieceBuffer, _pieceBuffer.Length, 0, special: false);
        if (length < 0)
        {
            _pieceBuffer = new byte[-length];
            length = LlamaNative.llama_token_to_piece(_engine.Vocab, token, _pieceBuffer, _pieceBuffer.Length, 0, special: false);
        }

        if (length <= 0)
        {
            return string.Empty;
        }

        var chars = new char[decoder.GetCharCount(_pieceBuffer, 0, length)];
        decoder.GetChars(_pieceBuffer, 0, length, chars, 0);
        return new string(chars);
    }

    private static partial class Log
    {
        [LoggerMessage(3310, LogLevel.Debug, "Agent {AgentKey}: conversation starts from the kept system prompt ({Tokens} tokens)")]
        public static partial void PrefixReused(ILogger logger, string agentKey, int tokens);

        [LoggerMessage(3311, LogLevel.Debug, "Reply: prompt {PromptTokens} tokens ({EvaluatedTokens} evaluated), {GeneratedTokens} generated at {TokensPerSecond:F1} tokens/s")]
        public static partial void ReplyFinished(ILogger logger, int promptTokens, int evaluatedTokens, int generatedTokens, double tokensPerSecond);
    }
}
