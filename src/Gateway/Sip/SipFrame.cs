namespace Softswitch.Sip;

/// <summary>
/// The reusable result of the scan phase of <see cref="SipParser"/>: start line and header boundaries as offsets into the
/// input, the framing (Content-Length) and the mandatory headers seen. One instance per thread is reused, so scanning
/// allocates nothing once the header array has grown to the largest message seen.
/// </summary>
internal sealed class SipFrame
{
    public const int SeenVia = 1;
    public const int SeenFrom = 2;
    public const int SeenTo = 4;
    public const int SeenCallId = 8;
    public const int SeenCSeq = 16;
    public const int SeenAllMandatory = SeenVia | SeenFrom | SeenTo | SeenCallId | SeenCSeq;

    private SipHeaderRange[] _headers = new SipHeaderRange[32];

    /// <summary>Offset of the start line (after keep-alive CRLFs).</summary>
    public int Start { get; set; }

    /// <summary>Whether the start line is a Request-Line.</summary>
    public bool IsRequest { get; set; }

    /// <summary>Request: method offset and length. Response: unused.</summary>
    public Range Method { get; set; }

    /// <summary>Request: Request-URI offset and length.</summary>
    public Range RequestUri { get; set; }

    /// <summary>Response: status code.</summary>
    public int StatusCode { get; set; }

    /// <summary>Response: reason phrase range.</summary>
    public Range ReasonPhrase { get; set; }

    /// <summary>Number of header lines recorded.</summary>
    public int HeaderCount { get; private set; }

    /// <summary>Offset of the body (just after the empty line); 0 until the header section is complete.</summary>
    public int BodyStart { get; set; }

    /// <summary>End of the message (exclusive): what the parser consumed; 0 until framing is known.</summary>
    public int End { get; set; }

    /// <summary>Content-Length value, or -1 when absent.</summary>
    public long ContentLength { get; set; }

    /// <summary>Bit set of mandatory headers seen (<see cref="SeenVia"/>…).</summary>
    public int Seen { get; set; }

    /// <summary>Whether the header section was scanned completely, so that the message can be materialised.</summary>
    public bool HeadersComplete => BodyStart > 0;

    public void Reset()
    {
        Start = 0;
        IsRequest = false;
        Method = default;
        RequestUri = default;
        StatusCode = 0;
        ReasonPhrase = default;
        HeaderCount = 0;
        BodyStart = 0;
        End = 0;
        ContentLength = -1;
        Seen = 0;
    }

    public ref readonly SipHeaderRange Header(int index) => ref _headers[index];

    public void AddHeader(in SipHeaderRange header)
    {
        if (HeaderCount == _headers.Length)
        {
            Array.Resize(ref _headers, _headers.Length * 2);
        }

        _headers[HeaderCount++] = header;
    }
}
