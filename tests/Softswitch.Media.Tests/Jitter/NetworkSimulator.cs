using System.Buffers.Binary;
using Shouldly;
using Softswitch.Media.Jitter;

namespace Softswitch.Media.Tests.Jitter;

/// <summary>
/// Deterministic network between an RTP sender of 20 ms frames (50 packets/s) and an <see cref="AdaptiveJitterBuffer"/> read
/// by a 20 ms media clock. Each payload carries its packet number, so the test can check what played and in which order.
/// </summary>
internal sealed class NetworkSimulator
{
    private const double BaseTransitMs = 5;
    private readonly AdaptiveJitterBuffer _buffer;
    private readonly Random _random;
    private readonly ushort _firstSequence;
    private readonly uint _firstTimestamp;
    private readonly List<(double ArrivalMs, int Number, ushort Sequence, bool Marker)> _pending = [];
    private readonly byte[] _destination;
    private long _tick;
    private int _nextNumber;
    private int _lastPlayed = -1;
    private int _silentFrames;

    public NetworkSimulator(AdaptiveJitterBuffer buffer, int seed, ushort firstSequence = 1000, uint firstTimestamp = 12345)
    {
        _buffer = buffer;
        _random = new Random(seed);
        _firstSequence = firstSequence;
        _firstTimestamp = firstTimestamp;
        _destination = new byte[buffer.MaxPayloadBytes];
    }

    public int Sent { get; private set; }
    public int Played { get; private set; }
    public int PlayedInOrder { get; private set; }
    public int OutOfOrder { get; private set; }
    public int Missing { get; private set; }
    public int Empty { get; private set; }
    public int EmptyBeforeFirstFrame { get; private set; }
    public int DuplicatesSent { get; private set; }
    public int MaxTargetDelayMs { get; private set; }
    public int MinTargetDelayMs { get; private set; } = int.MaxValue;

    /// <summary>Fraction of the frames sent that played, in order.</summary>
    public double Quality => Sent == 0 ? 0 : (double)PlayedInOrder / Sent;

    /// <summary>Sends <paramref name="count"/> packets and runs the clock up to the last send time.</summary>
    /// <param name="count">Packets to send.</param>
    /// <param name="lossRate">Probability that a packet is lost.</param>
    /// <param name="extraDelayMs">Extra one-way delay of a packet, given the random source.</param>
    /// <param name="duplicateRate">Probability that a packet arrives twice.</param>
    /// <param name="silenceFrames">Frames of silence (DTX: nothing sent) before this burst; the first packet carries the marker.</param>
    public void Send(int count, double lossRate = 0, Func<Random, double>? extraDelayMs = null, double duplicateRate = 0, int silenceFrames = 0)
    {
        _nextNumber += silenceFrames;
        _silentFrames += silenceFrames; // DTX: the timestamp moves on, the sequence number does not
        for (int i = 0; i < count; i++)
        {
            int number = _nextNumber++;
            Sent++;
            if (_random.NextDouble() < lossRate)
            {
                continue;
            }

            double sendMs = number * 20.0;
            bool marker = i == 0 && silenceFrames > 0;
            _pending.Add((sendMs + BaseTransitMs + (extraDelayMs?.Invoke(_random) ?? 0), number, SequenceOf(number), marker));
            if (_random.NextDouble() < duplicateRate)
            {
                DuplicatesSent++;
                _pending.Add((sendMs + BaseTransitMs + (_random.NextDouble() * 40), number, SequenceOf(number), marker));
            }
        }

        RunUntil((_nextNumber * 20.0) + 10);
    }

    /// <summary>Runs the clock with nothing more sent, so the buffer plays out what it holds.</summary>
    public void Drain(int ticks = 30) => RunUntil(((_tick + ticks) * 20.0) + 10);

    /// <summary>The sequence number of packet <paramref name="number"/> of the current talkspurt.</summary>
    private ushort SequenceOf(int number) => (ushort)(_firstSequence + number - _silentFrames);

    private void RunUntil(double endMs)
    {
        _pending.Sort((a, b) => a.ArrivalMs.CompareTo(b.ArrivalMs));
        byte[] payload = new byte[160];
        while ((_tick * 20.0) + 10 <= endMs)
        {
            double tickMs = (_tick * 20.0) + 10;
            int taken = 0;
            while (taken < _pending.Count && _pending[taken].ArrivalMs <= tickMs)
            {
                var (arrivalMs, number, sequence, marker) = _pending[taken++];
                BinaryPrimitives.WriteInt32LittleEndian(payload, number);
                _buffer.Insert(sequence, unchecked(_firstTimestamp + (uint)(number * 160)), marker, payload, (long)(arrivalMs * TimeSpan.TicksPerMillisecond));
            }

            _pending.RemoveRange(0, taken);
            _buffer.TryRead(_destination, out int length, out JitterReadResult result);
            switch (result)
            {
                case JitterReadResult.Frame:
                    length.ShouldBe(160);
                    int played = BinaryPrimitives.ReadInt32LittleEndian(_destination);
                    Played++;
                    if (played > _lastPlayed)
                    {
                        PlayedInOrder++;
                        _lastPlayed = played;
                    }
                    else
                    {
                        OutOfOrder++;
                    }

                    break;
                case JitterReadResult.Missing:
                    Missing++;
                    break;
                default:
                    Empty++;
                    if (Played == 0)
                    {
                        EmptyBeforeFirstFrame++;
                    }

                    break;
            }

            MaxTargetDelayMs = Math.Max(MaxTargetDelayMs, _buffer.TargetDelayMs);
            MinTargetDelayMs = Math.Min(MinTargetDelayMs, _buffer.TargetDelayMs);
            _tick++;
        }
    }
}
