using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Softswitch.Media.Recording;

/// <summary>The background writer: appends filled chunks, rewrites the header after each, closes the file at the end.</summary>
public sealed partial class CallRecording
{
    // One loop per recording. Each await completes at most once per chunk (1 s by default), never per tick; the loop's state
    // machine is allocated once, and waiting on the channel without a token reuses the channel's waiter, so a writer that
    // completes synchronously (Stream.Null) allocates nothing either.
    private async Task WriteLoopAsync()
    {
        ChannelReader<Chunk> reader = _filled.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out Chunk? chunk))
                {
                    try
                    {
                        if (_writeError is null)
                        {
                            long silence = chunk.LeadingSilenceTicks;
                            while (silence > 0)
                            {
                                int ticks = (int)Math.Min(silence, s_silence.Length / TickBytes);
                                await _stream.WriteAsync(s_silence.AsMemory(0, ticks * TickBytes)).ConfigureAwait(false);
                                silence -= ticks;
                            }

                            await _stream.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Ticks * TickBytes)).ConfigureAwait(false);
                            long written = chunk.LeadingSilenceTicks + chunk.Ticks;
                            _dataBytes += written * TickBytes;

                            // The audio is in the file before the header claims it.
                            await RewriteHeaderAsync().ConfigureAwait(false);
                            Volatile.Write(ref _flushedTicks, _flushedTicks + written);
                        }
                    }
                    catch (Exception e)
                    {
                        Fail(e);
                    }
                    finally
                    {
                        _free.Enqueue(chunk);
                    }
                }
            }

            // Ticks dropped after the last chunk was taken: silence up to the end of the call.
            long trailing = _trailingSilenceTicks;
            if (_writeError is null && trailing > 0)
            {
                while (trailing > 0)
                {
                    int ticks = (int)Math.Min(trailing, s_silence.Length / TickBytes);
                    await _stream.WriteAsync(s_silence.AsMemory(0, ticks * TickBytes)).ConfigureAwait(false);
                    trailing -= ticks;
                }

                _dataBytes += _trailingSilenceTicks * TickBytes;
                await RewriteHeaderAsync().ConfigureAwait(false);
                Volatile.Write(ref _flushedTicks, _flushedTicks + _trailingSilenceTicks);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    // Pooled: on a real file the writes complete asynchronously, once per chunk.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RewriteHeaderAsync()
    {
        WavFile.WriteHeader(_header, AudioFormat.SampleRate, Channels, (uint)Math.Min(_dataBytes, MaxDataBytes));
        long end = _stream.Position;
        _stream.Position = 0;
        await _stream.WriteAsync(_header).ConfigureAwait(false);
        _stream.Position = end;
        await _stream.FlushAsync().ConfigureAwait(false);
    }

    private async ValueTask CloseAsync()
    {
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(e);
        }

        // Every chunk is back in the pool by now and the producer stopped at completion: nothing touches the buffers again.
        foreach (Chunk chunk in _chunks)
        {
            byte[] buffer = chunk.Buffer;
            chunk.Buffer = [];
            ArrayPool<byte>.Shared.Return(buffer);
        }

        long dropped = DroppedTicks;
        Log.RecordingCompleted(_logger, Path, TickCount, Duration.TotalSeconds, dropped);
        if (dropped > 0)
        {
            Log.RecordingDropped(_logger, Path, dropped);
        }
    }

    private void Fail(Exception e)
    {
        if (Interlocked.CompareExchange(ref _writeError, e, null) is null)
        {
            Log.RecordingWriteFailed(_logger, e, Path);
        }
    }
}
