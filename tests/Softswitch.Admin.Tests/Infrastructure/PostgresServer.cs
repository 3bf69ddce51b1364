using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Text;
using Npgsql;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server from the Debian <c>postgresql</c> package, not the system cluster: initdb into a fresh
/// temporary folder, listening on 127.0.0.1 on a free port with its unix socket inside that folder, trust authentication.
/// As root (CI containers) initdb and the server run as the <c>postgres</c> OS user through <c>runuser</c>. Stopped by
/// process id (SIGINT, then SIGKILL) and deleted on dispose. When it cannot start, <see cref="InitializeAsync"/> throws
/// with the reason, so every PostgreSQL test fails with it instead of being skipped. <c>SOFTSWITCH_TEST_PG_BIN</c>
/// overrides the folder of initdb and postgres (default: the newest <c>/usr/lib/postgresql/*/bin</c>). Free of xunit: the
/// benchmarks link this file (and <c>UnixSignal.cs</c>) too; the tests' fixture interface is added in <c>PostgresServer.Lifetime.cs</c>.
/// </summary>
public sealed partial class PostgresServer
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();
    private string? _binDirectory;
    private DirectoryInfo? _root;
    private Process? _process;
    private bool _runAsPostgres;

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root!.FullName, "data");

    private string SocketDirectory => Path.Combine(_root!.FullName, "socket");

    /// <summary>A connection string without pooling (survives restarts), for creating and dropping schemas.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false }.ToString();

    /// <summary>A connection string to database <c>postgres</c> as superuser, with the given search path.</summary>
    public string ConnectionString(string? searchPath = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = OsUser,
            Database = "postgres",
            Pooling = true,
            MaxPoolSize = 20,
            Timeout = 5,
        };
        if (searchPath is not null)
        {
            builder.SearchPath = searchPath;
        }

        return builder.ToString();
    }

    public async Task InitializeAsync()
    {
        try
        {
            _binDirectory = FindBinDirectory();
            _runAsPostgres = UnixSignal.EffectiveUserId() == 0;
            // As root, under /tmp: the postgres user must reach the folder (TMPDIR may be inside /root), and the unix
            // socket path must stay under 107 bytes.
            _root = _runAsPostgres && Directory.Exists("/tmp")
                ? Directory.CreateDirectory(Path.Combine("/tmp", "softswitch-pg-" + Guid.NewGuid().ToString("N")[..12]))
                : Directory.CreateTempSubdirectory("softswitch-pg-");
            Directory.CreateDirectory(SocketDirectory);
            if (_runAsPostgres)
            {
                await RunToEndAsync("chown", ["-R", $"{OsUser}:{OsUser}", _root.FullName]);
            }

            await RunToEndAsync(
                Path.Combine(_binDirectory, "initdb"),
                ["-D", DataDirectory, "-U", OsUser, "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"],
                asPostgres: _runAsPostgres);
            Port = FreePort();
            await StartAsync();
        }
        catch (Exception e)
        {
            await DisposeAsync();
            throw new InvalidOperationException(
                "PostgreSQL tests need a local PostgreSQL server, started from the Debian 'postgresql' package " +
                $"(apt-get install -y postgresql, or ./softswitch setup), and it could not be started: {e.Message}", e);
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>), on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is running.");
        }

        string[] arguments =
        [
            "-D", DataDirectory,
            "-k", SocketDirectory,
            "-h", "127.0.0.1",
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=300",
            "-c", "shared_buffers=32MB",
            "-c", "logging_collector=off",
        ];
        lock (_outputGate)
        {
            _output.Clear();
        }

        _process = Launch(Path.Combine(_binDirectory!, "postgres"), arguments, _runAsPostgres);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                var exit = _process.ExitCode;
                _process.Dispose();
                _process = null;
                throw new InvalidOperationException($"postgres exited with status {exit}: {Output()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 2 }.ToString());
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > s_startTimeout)
                {
                    await StopAsync();
                    throw new TimeoutException($"postgres did not accept connections within {s_startTimeout.TotalSeconds} s: {e.Message}; {Output()}", e);
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the server by process id: SIGINT (fast shutdown), then SIGKILL after a timeout. Pooled connections break.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        var pid = PostmasterPid() ?? process.Id;
        UnixSignal.Send(pid, UnixSignal.SigInt);
        using (var timeout = new CancellationTokenSource(s_stopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                UnixSignal.Send(pid, UnixSignal.SigKill);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process.Dispose();

        // runuser exits with the server; wait for the server itself too when it is not our child.
        for (var i = 0; i < 200 && UnixSignal.Exists(pid); i++)
        {
            await Task.Delay(25);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        NpgsqlConnection.ClearAllPools();
        if (_root is { Exists: true })
        {
            try
            {
                _root.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (Environment.GetEnvironmentVariable("SOFTSWITCH_TEST_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "postgres"))
                ? configured
                : throw new FileNotFoundException($"no initdb and postgres in SOFTSWITCH_TEST_PG_BIN={configured}");
        }

        if (Directory.Exists(Root))
        {
            var candidates = Directory.GetDirectories(Root)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")));
            if (candidates.FirstOrDefault() is { } found)
            {
                return found;
            }
        }

        throw new FileNotFoundException($"no initdb and postgres under {Root}/*/bin");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Launch(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var startInfo = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root!.FullName,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", OsUser, "--", program })
            {
                startInfo.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C";
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return process;
    }

    private async Task RunToEndAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        lock (_outputGate)
        {
            _output.Clear();
        }

        using var process = Launch(program, arguments, asPostgres);
        using var timeout = new CancellationTokenSource(s_startTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with status {process.ExitCode}: {Output()}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_outputGate)
        {
            return _output.ToString().Trim();
        }
    }
}
