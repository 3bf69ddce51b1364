using Softswitch.Media;
using Softswitch.Media.Recording;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// Streams the caller's audio (16 kHz mono) to a WAV file as it arrives; the file is valid at any time and finalized on dispose,
/// even when the call ends abruptly.
/// </summary>
internal sealed class CallRecorder : IAudioSink, IDisposable
{
    private readonly Lock _lock = new();
    private WavFileWriter? _writer;

    public CallRecorder(string path)
    {
        Path = path;
        _writer = new WavFileWriter(path, AudioFormat.SampleRate, channels: 1);
    }

    public string Path { get; }

    public void OnAudio(ReadOnlySpan<short> pcm16k)
    {
        lock (_lock)
        {
            _writer?.Write(pcm16k);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
