using Softswitch.Host;

return await GatewayCommandLine.InvokeAsync(args).ConfigureAwait(false);
