namespace Softswitch.Media.Jitter;

/// <summary>
/// Minimum or maximum over roughly the last one to two windows of samples, kept as two half-window extremes: O(1), no
/// allocation. Old extremes expire when the older half is discarded, so the value follows a calmer network after a while.
/// </summary>
internal struct WindowedExtremum
{
    private readonly int _halfWindow;
    private readonly bool _isMax;
    private double _current;
    private double _previous;
    private int _count;
    private bool _hasPrevious;

    /// <summary>Creates an empty extremum.</summary>
    /// <param name="halfWindow">Samples per half window.</param>
    /// <param name="isMax">True to track the maximum, false for the minimum.</param>
    public WindowedExtremum(int halfWindow, bool isMax)
    {
        _halfWindow = halfWindow;
        _isMax = isMax;
        _current = 0;
        _previous = 0;
        _count = 0;
        _hasPrevious = false;
    }

    /// <summary>Whether any sample has been added since the last reset.</summary>
    public readonly bool HasValue => _count > 0 || _hasPrevious;

    /// <summary>The extremum over the current and previous half windows; 0 when empty.</summary>
    public readonly double Value
    {
        get
        {
            if (_count == 0)
            {
                return _hasPrevious ? _previous : 0;
            }

            if (!_hasPrevious)
            {
                return _current;
            }

            return _isMax ? Math.Max(_current, _previous) : Math.Min(_current, _previous);
        }
    }

    /// <summary>Adds one sample.</summary>
    public void Add(double value)
    {
        if (_count == 0 || (_isMax ? value > _current : value < _current))
        {
            _current = value;
        }

        if (++_count >= _halfWindow)
        {
            _previous = _current;
            _hasPrevious = true;
            _count = 0;
        }
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        _count = 0;
        _hasPrevious = false;
        _current = 0;
        _previous = 0;
    }
}
