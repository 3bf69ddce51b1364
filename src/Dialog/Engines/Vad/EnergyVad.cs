namespace Softswitch.Dialog.Engines.Vad;

/// <summary>
/// The built-in voice activity detector: no model, per 20 ms frame of 16 kHz PCM16 (any frame length works). A frame is speech
/// when its level stands <see cref="EnergyVadOptions.ThresholdDb"/> above the noise floor and its zero-crossing rate is not
/// noise-like; speech starts after <see cref="EnergyVadOptions.MinSpeechFrames"/> such frames and ends after
/// <see cref="EnergyVadOptions.HangoverFrames"/> without one. The noise floor is adaptive, by minimum statistics: the level of
/// the quietest frame of the last 1.5–2 s (four blocks of 0.5 s), so it follows a changing background within two seconds even
/// while someone talks. Near-digital silence (below -75 dBFS: a muted leg, a fade-in) says nothing about the noise and is left out.
/// One instance per call, not thread-safe; <see cref="Process"/> allocates nothing.
/// </summary>
public sealed class EnergyVad
{
    private const double SilenceDb = -96;
    private const double DigitalSilenceDb = -75;
    private const int BlockFrames = 25;
    private const int Blocks = 4;

    private readonly EnergyVadOptions _options;
    private readonly double[] _blockMinima = new double[Blocks];
    private int _block;
    private int _framesInBlock;
    private double _currentBlockMinimum;
    private double _floorDb;
    private int _trainedFrames;
    private long _samples;
    private int _speechRun;
    private int _silenceRun;
    private long _candidateStart;
    private long _lastSpeechEnd;
    private bool _inSpeech;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">Settings (validated), or null for the defaults.</param>
    public EnergyVad(EnergyVadOptions? options = null)
    {
        _options = options ?? new EnergyVadOptions();
        _options.Validate();
        Reset();
    }

    /// <summary>Whether the detector is inside speech.</summary>
    public bool IsSpeech => _inSpeech;

    /// <summary>The current noise floor, dBFS.</summary>
    public double NoiseFloorDb => _floorDb;

    /// <summary>Level of the last frame, dBFS.</summary>
    public double LastLevelDb { get; private set; }

    /// <summary>Zero crossings per sample of the last frame.</summary>
    public double LastZeroCrossingRate { get; private set; }

    /// <summary>Samples fed so far.</summary>
    public long SamplesProcessed => _samples;

    /// <summary>Where the current or last segment started, in samples from the start of the stream.</summary>
    public long SegmentStartSample { get; private set; }

    /// <summary>Where the last finished segment ended (after its last speech frame), in samples.</summary>
    public long SegmentEndSample { get; private set; }

    /// <summary>Classifies one frame.</summary>
    /// <param name="frame">16 kHz mono PCM16, normally 320 samples.</param>
    /// <returns>The change this frame caused.</returns>
    public VoiceActivityEvent Process(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return VoiceActivityEvent.None;
        }

        var frameStart = _samples;
        _samples += frame.Length;

        long energy = 0;
        var crossings = 0;
        var previous = frame[0];
        foreach (var sample in frame)
        {
            energy += sample * sample;
            if ((sample ^ previous) < 0)
            {
                crossings++;
            }

            previous = sample;
        }

        var level = energy == 0 ? SilenceDb : Math.Max(SilenceDb, 10 * Math.Log10(energy / (frame.Length * 32768.0 * 32768.0)));
        var zcr = frame.Length > 1 ? crossings / (double)(frame.Length - 1) : 0;
        LastLevelDb = level;
        LastZeroCrossingRate = zcr;

        if (level > DigitalSilenceDb)
        {
            TrackFloor(level);
            if (++_trainedFrames <= _options.WarmUpFrames)
            {
                return VoiceActivityEvent.None;
            }
        }
        else if (_trainedFrames < _options.WarmUpFrames)
        {
            return VoiceActivityEvent.None;
        }

        var speechLike = level >= _options.MinSpeechLevelDb && level - _floorDb >= _options.ThresholdDb && zcr <= _options.MaxZeroCrossingRate;
        if (speechLike)
        {
            if (_speechRun++ == 0)
            {
                _candidateStart = frameStart;
            }

            _silenceRun = 0;
            _lastSpeechEnd = _samples;
            if (!_inSpeech && _speechRun >= _options.MinSpeechFrames)
            {
                _inSpeech = true;
                SegmentStartSample = _candidateStart;
                return VoiceActivityEvent.SpeechStarted;
            }

            return VoiceActivityEvent.None;
        }

        _speechRun = 0;
        if (_inSpeech && ++_silenceRun >= _options.HangoverFrames)
        {
            return EndSegment();
        }

        return VoiceActivityEvent.None;
    }

    /// <summary>Ends the stream: an open segment ends at its last speech frame.</summary>
    /// <returns><see cref="VoiceActivityEvent.SpeechEnded"/> when a segment was open.</returns>
    public VoiceActivityEvent Flush() => _inSpeech ? EndSegment() : VoiceActivityEvent.None;

    /// <summary>Forgets the stream, the floor included.</summary>
    public void Reset()
    {
        Array.Fill(_blockMinima, double.PositiveInfinity);
        _block = 0;
        _framesInBlock = 0;
        _currentBlockMinimum = double.PositiveInfinity;
        _floorDb = SilenceDb;
        _trainedFrames = 0;
        _samples = 0;
        _speechRun = 0;
        _silenceRun = 0;
        _candidateStart = 0;
        _lastSpeechEnd = 0;
        _inSpeech = false;
        SegmentStartSample = 0;
        SegmentEndSample = 0;
        LastLevelDb = SilenceDb;
        LastZeroCrossingRate = 0;
    }

    private VoiceActivityEvent EndSegment()
    {
        _inSpeech = false;
        _speechRun = 0;
        _silenceRun = 0;
        SegmentEndSample = _lastSpeechEnd;
        return VoiceActivityEvent.SpeechEnded;
    }

    private void TrackFloor(double level)
    {
        _currentBlockMinimum = Math.Min(_currentBlockMinimum, level);
        if (++_framesInBlock == BlockFrames)
        {
            _blockMinima[_block] = _currentBlockMinimum;
            _block = (_block + 1) % Blocks;
            _framesInBlock = 0;
            _currentBlockMinimum = double.PositiveInfinity;
        }

        var floor = _currentBlockMinimum;
        foreach (var minimum in _blockMinima)
        {
            floor = Math.Min(floor, minimum);
        }

        _floorDb = floor;
    }
}
