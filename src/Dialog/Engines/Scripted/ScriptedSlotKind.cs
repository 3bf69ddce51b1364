namespace Softswitch.Dialog.Engines.Scripted;

/// <summary>What a slot of a scripted intent holds.</summary>
public enum ScriptedSlotKind
{
    /// <summary>A run of digits, spoken ("one two three") or keyed; JSON <c>digits</c>.</summary>
    Digits = 0,

    /// <summary>Yes or no (keys 1 and 2); JSON <c>yes_no</c>. The value is <c>yes</c> or <c>no</c>.</summary>
    YesNo = 1,

    /// <summary>One of a fixed list of values (key n picks the n-th); JSON <c>one_of</c>.</summary>
    OneOf = 2,
}
