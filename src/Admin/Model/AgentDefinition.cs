namespace Softswitch.Admin.Model;

/// <summary>What an agent says and does in a call.</summary>
/// <param name="Name">Name the agent uses for itself.</param>
/// <param name="Greeting">First thing said when the call is answered.</param>
/// <param name="SystemPrompt">Instructions given to the language model.</param>
/// <param name="Language">BCP 47 language tag, such as <c>en-US</c>.</param>
/// <param name="Voice">Voice name of the speech synthesiser.</param>
/// <param name="Stt">Speech recognition engine.</param>
/// <param name="Llm">Language model engine.</param>
/// <param name="Tts">Speech synthesis engine.</param>
/// <param name="Tools">Actions the model may take.</param>
/// <param name="Limits">Call limits.</param>
public sealed record AgentDefinition(
    string Name,
    string Greeting,
    string SystemPrompt,
    string Language,
    string Voice,
    EngineSettings Stt,
    EngineSettings Llm,
    EngineSettings Tts,
    IReadOnlyList<AgentTool> Tools,
    AgentLimits Limits);
