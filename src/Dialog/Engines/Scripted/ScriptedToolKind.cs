namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>The tools a scripted flow can call: the same ones the language model path has.</summary>
public enum ScriptedToolKind
{
    /// <summary>Transfers the call to a queue, with a summary for the human; ends the conversation. JSON <c>transfer_to_queue</c>.</summary>
    TransferToQueue = 0,

    /// <summary>Hangs up; ends the conversation. JSON <c>end_call</c>.</summary>
    EndCall = 1,

    /// <summary>Sends DTMF digits to the peer. JSON <c>send_dtmf</c>.</summary>
    SendDtmf = 2,

    /// <summary>Calls a named webhook tool with the intent's slot values. JSON <c>webhook</c>.</summary>
    Webhook = 3,
}
