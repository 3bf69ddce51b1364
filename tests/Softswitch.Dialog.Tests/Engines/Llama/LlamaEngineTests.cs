using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Softswitch.Dialog.Engines.Llama;
using Softswitch.Dialog.Native;
using Xunit;
using Xunit.Abstractions;

namespace Softswitch.Dialog.Tests.Engines.Llama;

/// <summary>The llama.cpp binding run on the real stories260K model (greedy, one thread).</summary>
[Collection(LlamaCollection.Name)]
public sealed class LlamaEngineTests(LlamaEngineFixture fixture, ITestOutputHelper output) : IClassFixture<LlamaEngineFixture>
{
    private const string KnownContinuation = ", there was a little girl named Lily. She loved to play outside in the park.";

    private static readonly LlamaChatMessage[] s_firstTurn =
    [
        new("system", "You are a kind story teller. Tell short stories about a cat."),
        new("user", "Once upon a time"),
    ];

    private LlamaEngine Engine => fixture.Engine;

    [LlamaModelFact]
    public async Task CompleteAsync_GreedyOnStories260K_GivesTheKnownText()
    {
        using var session = Engine.CreateSession();
        var pieces = await CollectAsync(session.CompleteAsync("Once upon a time", new LlamaGenerationOptions { MaxTokens = 40 }, CancellationToken.None));

        var text = string.Concat(pieces);
        text.ShouldStartWith(KnownContinuation);
        pieces.Count.ShouldBeGreaterThan(10); // streamed piece by piece, not as one string
        session.LastStats.PromptTokensEvaluated.ShouldBe(session.LastStats.PromptTokens);
        session.LastStats.GeneratedTokens.ShouldBe(40);
    }

    [LlamaModelFact]
    public async Task CompleteAsync_OneThread_MeasuresTokensPerSecond()
    {
        using var session = Engine.CreateSession();
        await CollectAsync(session.CompleteAsync("Once upon a time", new LlamaGenerationOptions { MaxTokens = 8 }, CancellationToken.None)); // warm-up
        using var measured = Engine.CreateSession();
        await CollectAsync(measured.CompleteAsync("Once upon a time", new LlamaGenerationOptions { MaxTokens = 400 }, CancellationToken.None));

        var stats = measured.LastStats;
        output.WriteLine($"stories260K, 1 thread: {stats.GeneratedTokens} tokens in {stats.GenerationTime.TotalMilliseconds:F0} ms = {stats.TokensPerSecond:F0} tokens/s; prompt {stats.PromptTokens} tokens in {stats.PromptTime.TotalMilliseconds:F1} ms");
        stats.GeneratedTokens.ShouldBeGreaterThan(50);
        stats.TokensPerSecond.ShouldBeGreaterThan(0);
    }

    [LlamaModelFact]
    public async Task CompleteAsync_StopSequence_EndsBeforeIt()
    {
        using var session = Engine.CreateSession();
        var options = new LlamaGenerationOptions { MaxTokens = 40, StopSequences = [" Lily", "zzz"] };
        var text = string.Concat(await CollectAsync(session.CompleteAsync("Once upon a time", options, CancellationToken.None)));

        text.ShouldBe(", there was a little girl named");
    }

    [LlamaModelFact]
    public async Task CompleteAsync_Cancelled_StopsBetweenTokens_AndTheSessionStaysUsable()
    {
        using var session = Engine.CreateSession();
        using var cts = new CancellationTokenSource();
        var received = new StringBuilder();
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in session.CompleteAsync("Once upon a time", new LlamaGenerationOptions { MaxTokens = 100 }, cts.Token))
            {
                received.Append(piece);
                await cts.CancelAsync();
            }
        });

        received.Length.ShouldBeGreaterThan(0);
        received.Length.ShouldBeLessThan(KnownContinuation.Length);
        var again = string.Concat(await CollectAsync(session.CompleteAsync("Once upon a time", new LlamaGenerationOptions { MaxTokens = 40 }, CancellationToken.None)));
        again.ShouldStartWith(KnownContinuation);
    }

    [LlamaModelFact]
    public async Task ReplyAsync_SecondTurn_EvaluatesOnlyTheNewSuffix_AndMatchesAFreshSession()
    {
        using var session = Engine.CreateSession();
        var options = new LlamaGenerationOptions { MaxTokens = 12 };
        var reply = string.Concat(await CollectAsync(session.ReplyAsync(s_firstTurn, options, CancellationToken.None)));
        var first = session.LastStats;
        first.PromptTokensEvaluated.ShouldBe(first.PromptTokens);

        LlamaChatMessage[] secondTurn = [.. s_firstTurn, new("assistant", reply.Trim()), new("user", "What did the cat do?")];
        var second = string.Concat(await CollectAsync(session.ReplyAsync(secondTurn, options, CancellationToken.None)));
        var stats = session.LastStats;
        output.WriteLine($"turn 1: {first.PromptTokensEvaluated}/{first.PromptTokens} evaluated; turn 2: {stats.PromptTokensEvaluated}/{stats.PromptTokens}");

        stats.PromptTokens.ShouldBeGreaterThan(first.PromptTokens);
        stats.PromptTokensEvaluated.ShouldBeLessThan(stats.PromptTokens - first.PromptTokens + 8);
        using var fresh = Engine.CreateSession();
        string.Concat(await CollectAsync(fresh.ReplyAsync(secondTurn, options, CancellationToken.None))).ShouldBe(second);
    }

    [LlamaModelFact]
    public async Task CreateSession_SameAgentKey_StartsFromTheKeptSystemPrompt()
    {
        var agentKey = "agent-test@" + Guid.NewGuid().ToString("N");
        var options = new LlamaGenerationOptions { MaxTokens = 12 };
        using (var firstCall = Engine.CreateSession(agentKey))
        {
            await CollectAsync(firstCall.ReplyAsync(s_firstTurn, options, CancellationToken.None));
        }

        LlamaChatMessage[] otherCaller = [s_firstTurn[0], new("user", "The dog")];
        using var secondCall = Engine.CreateSession(agentKey);
        var reply = string.Concat(await CollectAsync(secondCall.ReplyAsync(otherCaller, options, CancellationToken.None)));
        var stats = secondCall.LastStats;
        var systemTokens = Engine.Tokenize(Engine.FormatChat([s_firstTurn[0]], addAssistant: false)).Length;
        output.WriteLine($"second call: {stats.PromptTokensEvaluated}/{stats.PromptTokens} evaluated (system prompt {systemTokens} tokens)");

        stats.PromptTokensEvaluated.ShouldBeLessThanOrEqualTo(stats.PromptTokens - systemTokens + 1);
        using var unshared = Engine.CreateSession();
        string.Concat(await CollectAsync(unshared.ReplyAsync(otherCaller, options, CancellationToken.None))).ShouldBe(reply);
    }

    [LlamaModelFact]
    public async Task CompleteAsync_ToolGrammar_OutputIsJsonMatchingIt()
    {
        string[] tools = ["transfer_call", "hang_up"];
        var options = new LlamaGenerationOptions { MaxTokens = 300, Grammar = LlamaToolGrammar.ForTools(tools, maxArguments: 2, maxStringLength: 12) };
        using var session = Engine.CreateSession();
        var text = string.Concat(await CollectAsync(session.CompleteAsync("Once upon a time", options, CancellationToken.None)));
        output.WriteLine(text);

        session.LastStats.GeneratedTokens.ShouldBeLessThan(300); // the grammar completed and allowed only the end
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("name").GetString().ShouldBeOneOf(tools);
        var arguments = json.RootElement.GetProperty("arguments");
        arguments.ValueKind.ShouldBe(JsonValueKind.Object);
        arguments.EnumerateObject().Count().ShouldBeLessThanOrEqualTo(2);
    }

    [LlamaModelFact]
    public void CreateSampler_InvalidGrammar_Refused()
    {
        using var session = Engine.CreateSession();
        var options = new LlamaGenerationOptions { Grammar = "root ::= (" };
        Should.Throw<ArgumentException>(async () => await CollectAsync(session.CompleteAsync("Once", options, CancellationToken.None)))
            .Message.ShouldContain("grammar");
    }

    [LlamaModelFact]
    public void FormatChat_ModelWithoutTemplate_FallsBackToRoleLines()
    {
        Engine.ChatTemplate.ShouldBeNull();
        Engine.VocabularySize.ShouldBe(512);
        Engine.FormatChat(s_firstTurn).ShouldBe("system: You are a kind story teller. Tell short stories about a cat.\nuser: Once upon a time\nassistant:");
        Engine.FormatChat([new("user", "Hi")], addAssistant: false).ShouldBe("user: Hi\n");
    }

    [LlamaModelFact]
    public void Tokenize_AddsBos_AndRoundTripsThroughTheVocabulary()
    {
        var tokens = Engine.Tokenize("Once upon a time");
        tokens[0].ShouldBe(1); // llama BOS
        tokens.Length.ShouldBeGreaterThan(2);
        Engine.Tokenize("Once upon a time", addSpecial: false).ShouldBe(tokens[1..]);
    }

    [Fact]
    public void ApplyTemplate_BuiltInChatml_FormatsTheConversation()
    {
        LlamaEngine.ApplyTemplate("chatml", s_firstTurn, addAssistant: true).ShouldBe(
            "<|im_start|>system\nYou are a kind story teller. Tell short stories about a cat.<|im_end|>\n<|im_start|>user\nOnce upon a time<|im_end|>\n<|im_start|>assistant\n");
        Should.Throw<ArgumentException>(() => LlamaEngine.ApplyTemplate("no-such-template", s_firstTurn, addAssistant: true));
    }

    [Fact]
    public void DefaultParams_ReadBackThroughTheStructLayouts()
    {
        LlamaNative.EnsureInitialized();
        Marshal.SizeOf<LlamaNative.ModelParams>().ShouldBe(80);
        Marshal.SizeOf<LlamaNative.ContextParams>().ShouldBe(160);
        Marshal.SizeOf<LlamaNative.Batch>().ShouldBe(56);

        var model = LlamaNative.llama_model_default_params();
        (model.NGpuLayers, model.SplitMode, model.LoadMode, model.LazyMode, model.MainGpu).ShouldBe((-1, 1, -1, 1, 0));
        (model.VocabOnly, model.CheckTensors, model.UseExtraBufts, model.NoHost, model.NoAlloc, model.LoadMtp).ShouldBe(((byte)0, (byte)0, (byte)1, (byte)0, (byte)0, (byte)0));

        var context = LlamaNative.llama_context_default_params();
        (context.NCtx, context.NBatch, context.NUbatch, context.NSeqMax, context.NOutputsMaxPerSeq).ShouldBe((512u, 2048u, 512u, 1u, 1u));
        (context.FlashAttnType, context.YarnExtFactor, context.DefragThold, context.TypeK, context.TypeV).ShouldBe((-1, -1f, -1f, 1, 1));
        (context.Embeddings, context.OffloadKqv, context.NoPerf, context.OpOffload, context.SwaFull, context.KvUnified).ShouldBe(((byte)0, (byte)1, (byte)1, (byte)1, (byte)1, (byte)0));
        (context.Samplers, context.NSamplers, context.CtxOther).ShouldBe((IntPtr.Zero, (nuint)0, IntPtr.Zero));
    }

    [Fact]
    public void Create_MissingModelFile_NamesTheFileAndHowToGetIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N") + ".gguf");
        var error = Should.Throw<FileNotFoundException>(() => new LlamaEngine(new LlamaEngineOptions { ModelPath = path }, NullLogger<LlamaEngine>.Instance));
        error.Message.ShouldContain("./softswitch models pull qwen2.5-0.5b-instruct");
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("Download");
    }

    [Fact]
    public void Load_MissingLibrary_NamesItAndTheInstallHint()
    {
        var registration = LlamaNative.LlamaLibrary("llama-absent-test", "absent/llama");
        registration.FileNames[0].ShouldBe("libllama.v0.5.0.so");

        // The real file name is already loaded in this process (the loader would find it by soname), so the missing file gets another name.
        EngineLibraries.Register(registration with { FileNames = ["libllama-absent-test.so"] });
        var error = Should.Throw<DllNotFoundException>(() => EngineLibraries.Load("llama-absent-test"));
        error.Message.ShouldContain("libllama-absent-test.so");
        error.Message.ShouldContain(Path.Combine(EngineLibraries.NativeRoot, "absent/llama"));
        error.Message.ShouldContain(LlamaNative.InstallHint);
    }

    [Theory]
    [InlineData(0, 0, 512)]
    [InlineData(1, -1, 512)]
    [InlineData(1, 0, 0)]
    public void Validate_OutOfRange_Refused(int threads, int contextSize, int batchSize)
    {
        var options = new LlamaEngineOptions { ModelPath = "x.gguf", Threads = threads, ContextSize = contextSize, BatchSize = batchSize };
        Should.Throw<ArgumentOutOfRangeException>(options.Validate);
        Should.Throw<ArgumentOutOfRangeException>(new LlamaGenerationOptions { MaxTokens = 0 }.Validate);
        Should.Throw<ArgumentOutOfRangeException>(new LlamaGenerationOptions { StopSequences = [""] }.Validate);
    }

    [Fact]
    public void StopFilter_HoldsBackAPossibleStop_AndCutsBeforeIt()
    {
        var filter = new LlamaStopFilter(["</s>", "User:"]);
        filter.Push("ab").ShouldBe("ab");
        filter.Push("c<").ShouldBe("c");
        filter.Push("/").ShouldBe(string.Empty);
        filter.Push("x").ShouldBe("</x");
        filter.Push(" Us").ShouldBe(" ");
        filter.Push("er: hi").ShouldBe(string.Empty);
        filter.Stopped.ShouldBeTrue();
        filter.Flush().ShouldBe(string.Empty);
        var plain = new LlamaStopFilter([]);
        plain.Push("a<").ShouldBe("a<");
    }

    private static async Task<List<string>> CollectAsync(IAsyncEnumerable<string> pieces)
    {
        var list = new List<string>();
        await foreach (var piece in pieces)
        {
            list.Add(piece);
        }

        return list;
    }
}
