namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>What a scripted conversation waits for next.</summary>
public enum ScriptedExpectation
{
    /// <summary>A request: a phrase of an intent or an intent's key.</summary>
    Intent = 0,

    /// <summary>Digits for a slot, spoken or keyed ('#' ends keyed digits).</summary>
    Digits = 1,

    /// <summary>Yes or no (keys 1 and 2).</summary>
    YesNo = 2,

    /// <summary>One of a slot's values (key n picks the n-th).</summary>
    OneOf = 3,

    /// <summary>Nothing: the conversation has ended.</summary>
    Nothing = 4,
}
