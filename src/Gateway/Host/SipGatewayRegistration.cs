using Microsoft.Extensions.Options;
using Softswitch.Dialog;
using Softswitch.Dialog.Flows;
using Softswitch.Dialog.Routing;
using Softswitch.Gateway;
using Softswitch.Gateway.Calls;

namespace Softswitch.Host;

/// <summary>Where the SIP stack joins the composition root.</summary>
internal static class SipGatewayRegistration
{
    /// <summary>
    /// Registers the SIP gateway (transports, transactions, calls, media) as a hosted service, with its options bound from the
    /// <c>Sip</c>, <c>Media</c> and <c>Dialog</c> sections and validated at start, and the embedded default call flow.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (softswitch.json, SOFTSWITCH_ variables, command line).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSipGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SipOptions>().Bind(configuration.GetSection("Sip")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection("Media")).ValidateDataAnnotations()
            .Validate(o => o.RtpPortMin < o.RtpPortMax, "Media:RtpPortMin must be below Media:RtpPortMax.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>>(new MediaOptionsValidator());
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection("Dialog")).ValidateDataAnnotations()
            .PostConfigure<ResolvedPaths>((o, paths) =>
            {
                // A relative recordings folder lives under the data directory.
                if (!Path.IsPathRooted(o.RecordingsDirectory))
                {
                    o.RecordingsDirectory = Path.Combine(paths.DataDirectory, o.RecordingsDirectory);
                }
            })
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GreetAndRecordCallHandler>();
        services.AddSingleton<RoutedCallHandler>();
        services.AddSingleton<AnswerCallHandler>();
        services.AddSingleton<EchoCallHandler>();
        services.AddSingleton<BridgeCallHandler>();
        services.AddSingleton<ICallHandler>(sp => sp.GetRequiredService<IOptions<DialogOptions>>().Value.Flow switch
        {
            "answer" => sp.GetRequiredService<AnswerCallHandler>(),
            "echo" => sp.GetRequiredService<EchoCallHandler>(),
            "bridge" => sp.GetRequiredService<BridgeCallHandler>(),
            // greet-and-record is the default agent flow: the dialplan picks the agent version (or the default greeting).
            _ => sp.GetRequiredService<RoutedCallHandler>(),
        });
        services.AddSingleton(sp => new SipGateway(
            sp.GetRequiredService<IOptions<SipOptions>>().Value,
            sp.GetRequiredService<IOptions<MediaOptions>>().Value,
            sp.GetRequiredService<ICallHandler>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SipGatewayService>();
        services.AddHostedService<RecordingRetentionService>();
        return services;
    }

    /// <summary>Reports the first invalid codec or SRTP setting, naming it.</summary>
    private sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
    {
        public ValidateOptionsResult Validate(string? name, MediaOptions options) =>
            options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
