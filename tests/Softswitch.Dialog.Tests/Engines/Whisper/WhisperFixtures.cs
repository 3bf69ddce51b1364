using System.Buffers.Binary;

namespace Softswitch.Dialog.Tests.Engines.Whisper;

/// <summary>The whisper.cpp test model and jfk.wav from <c>$SOFTSWITCH_TEST_MODELS</c>.</summary>
internal static class WhisperFixtures
{
    public const string Variable = "SOFTSWITCH_TEST_MODELS";

    public static string? ModelsDirectory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } directory ? directory : null;

    /// <summary>whisper.cpp's own test model: real header, mel filters and tiny.en vocabulary, no weights.</summary>
    public static string TestModel => Require("for-tests-ggml-tiny.en.bin");

    public static string Jfk => Require("jfk.wav");

    /// <summary>The samples of a 16 kHz mono s16 WAV file.</summary>
    public static short[] ReadPcm16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            if (id == "fmt ")
            {
                var format = bytes.AsSpan(position + 8);
                if (BinaryPrimitives.ReadInt16LittleEndian(format[2..]) != 1 || BinaryPrimitives.ReadInt32LittleEndian(format[4..]) != 16000 || BinaryPrimitives.ReadInt16LittleEndian(format[14..]) != 16)
                {
                    throw new InvalidDataException($"{path} is not 16 kHz mono s16");
                }
            }
            else if (id == "data")
            {
                var data = bytes.AsSpan(position + 8, Math.Min(size, bytes.Length - position - 8));
                var samples = new short[data.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
                }

                return samples;
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }

    private static string Require(string name)
    {
        var directory = ModelsDirectory ?? throw new InvalidOperationException($"{Variable} is not set");
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{Variable} is set to {directory} but {name} is not there", path);
    }
}
