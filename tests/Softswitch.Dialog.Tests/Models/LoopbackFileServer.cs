using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Softswitch.Dialog.Tests.Models;

/// <summary>A real HTTP server (HttpListener) on a loopback port serving bytes the test registers, counting requests.</summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _requests;

    public LoopbackFileServer()
    {
        // HttpListener cannot bind port 0: take a free port from the OS and retry if another test grabs it first.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public int Requests => Volatile.Read(ref _requests);

    public Uri Add(string path, byte[] content)
    {
        _files[path] = content;
        return new Uri(BaseUri, path);
    }

    /// <summary>A loopback port nothing listens on (connection refused).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            if (!_files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var content))
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentLength64 = content.Length;
            try
            {
                for (var offset = 0; offset < content.Length; offset += 64 * 1024)
                {
                    await response.OutputStream.WriteAsync(content.AsMemory(offset, Math.Min(64 * 1024, content.Length - offset)));
                }
            }
            catch (HttpListenerException)
            {
            }
        }
    }
}
