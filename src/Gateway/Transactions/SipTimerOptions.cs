namespace Softswitch.Gateway.Transactions;

/// <summary>
/// The RFC 3261 transaction timer values (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.1"/>, Table 4 in
/// <see href="https://www.rfc-editor.org/rfc/rfc3261#appendix-A"/>). The other timers derive from these.
/// </summary>
public sealed class SipTimerOptions
{
    /// <summary>RTT estimate and the first retransmission interval (Timers A, E, G). Defaults to 500 ms; RFC 3261 T1.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest retransmission interval for non-INVITE requests and INVITE responses. Defaults to 4 s; RFC 3261 T2.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest a message stays in the network (Timers I and K on unreliable transports). Defaults to 5 s; RFC 3261 T4.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Timer D: how long an INVITE client transaction absorbs final-response retransmissions on an unreliable transport.
    /// Defaults to 32 s, the RFC's minimum (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2"/>); zero on reliable transports.
    /// </summary>
    public TimeSpan TimerD { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>
    /// How long an INVITE server transaction waits for the TU's first provisional before sending 100 Trying itself.
    /// Defaults to 200 ms (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1"/>).
    /// </summary>
    public TimeSpan TryingDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timer B, INVITE client transaction timeout: 64·T1 (32 s by default).</summary>
    public TimeSpan TimerB => T1 * 64;

    /// <summary>Timer F, non-INVITE client transaction timeout: 64·T1.</summary>
    public TimeSpan TimerF => T1 * 64;

    /// <summary>Timer H, wait for the ACK to a non-2xx final response: 64·T1.</summary>
    public TimeSpan TimerH => T1 * 64;

    /// <summary>Timer J, non-INVITE server transaction linger on unreliable transports: 64·T1.</summary>
    public TimeSpan TimerJ => T1 * 64;

    /// <summary>Timer L, INVITE server transaction 'Accepted' linger (<see href="https://www.rfc-editor.org/rfc/rfc6026#section-8.7"/>): 64·T1.</summary>
    public TimeSpan TimerL => T1 * 64;

    /// <summary>Timer M, INVITE client transaction 'Accepted' linger (<see href="https://www.rfc-editor.org/rfc/rfc6026#section-8.4"/>): 64·T1.</summary>
    public TimeSpan TimerM => T1 * 64;
}
