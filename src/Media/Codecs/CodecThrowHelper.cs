using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Codecs;

/// <summary>Throw helpers for the codec wrappers, kept out of the hot methods so they stay small.</summary>
internal static class CodecThrowHelper
{
    [DoesNotReturn]
    public static void ThrowWrongCodec(AudioCodecInfo codec, string expected) =>
        throw new ArgumentException($"{codec} is not {expected}.", nameof(codec));

    [DoesNotReturn]
    public static void ThrowInitFailed(string function, int error) =>
        throw new InvalidOperationException($"{function} failed with error {error}.");

    [DoesNotReturn]
    public static void ThrowFrameLength(int actual, string expected) =>
        throw new ArgumentException($"The frame has {actual} samples; expected {expected}.", "frame");

    [DoesNotReturn]
    public static void ThrowPayloadTooShort(int needed) =>
        throw new ArgumentException($"The payload buffer is too short; {needed} bytes are needed.", "payload");

    [DoesNotReturn]
    public static void ThrowPcmTooShort(int needed) =>
        throw new ArgumentException($"The PCM buffer is too short; {needed} samples are needed.", "pcm");

    [DoesNotReturn]
    public static void ThrowEncodeFailed(string function, int error) =>
        throw new InvalidOperationException($"{function} failed with error {error}.");
}
