using System.Runtime.InteropServices;
using Softswitch.Dialog.Native;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>
/// The few calls of the ONNX Runtime C API (<c>onnxruntime_c_api.h</c>) that Piper needs, over the ONNX Runtime 1.28 that ships
/// in npm <c>sherpa-onnx-linux-x64@1.13.8</c>. <c>OrtApi</c> is a table of function pointers that ONNX Runtime only ever
/// appends to, so the slot numbers below (counted in the header) hold for every later version; the table is requested at
/// <see cref="ApiVersion"/>. One process-wide environment; sessions are safe to run from several threads.
/// </summary>
internal sealed class OnnxRuntime
{
    /// <summary>ORT_API_VERSION requested (ONNX Runtime 1.17 and later serve it).</summary>
    public const uint ApiVersion = 17;

    /// <summary>ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT.</summary>
    public const int TensorFloat = 1;

    /// <summary>ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64.</summary>
    public const int TensorInt64 = 7;

    private const int LoggingLevelWarning = 2;
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    private static readonly Lock s_lock = new();
    private static OnnxRuntime? s_instance;

    private readonly GetErrorMessageFn _getErrorMessage;
    private readonly ReleaseFn _releaseStatus;
    private readonly CreateSessionFn _createSession;
    private readonly RunFn _run;
    private readonly CreateSessionOptionsFn _createSessionOptions;
    private readonly SetThreadsFn _setIntraOpNumThreads;
    private readonly SetThreadsFn _setInterOpNumThreads;
    private readonly CreateTensorFn _createTensor;
    private readonly GetTensorMutableDataFn _getTensorMutableData;
    private readonly GetElementCountFn _getTensorShapeElementCount;
    private readonly GetTypeAndShapeFn _getTensorTypeAndShape;
    private readonly ReleaseFn _releaseSession;
    private readonly ReleaseFn _releaseValue;
    private readonly ReleaseFn _releaseTypeAndShape;
    private readonly ReleaseFn _releaseSessionOptions;
    private readonly IntPtr _env;
    private readonly IntPtr _cpuMemory;

    static OnnxRuntime() => SherpaOnnx.EnsureRegistered();

    private OnnxRuntime()
    {
        EngineLibraries.Load(SherpaOnnx.OnnxRuntime);
        var apiBase = OrtGetApiBase();
        var getApi = Marshal.GetDelegateForFunctionPointer<GetApiFn>(Marshal.ReadIntPtr(apiBase, 0));
        var api = getApi(ApiVersion);
        if (api == IntPtr.Zero)
        {
            throw new InvalidOperationException($"ONNX Runtime does not serve C API version {ApiVersion}.");
        }

        T Slot<T>(int index)
            where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(Marshal.ReadIntPtr(api, index * IntPtr.Size));

        _getErrorMessage = Slot<GetErrorMessageFn>(2);
        var createEnv = Slot<CreateEnvFn>(3);
        _createSession = Slot<CreateSessionFn>(7);
        _run = Slot<RunFn>(9);
        _createSessionOptions = Slot<CreateSessionOptionsFn>(10);
        _setIntraOpNumThreads = Slot<SetThreadsFn>(24);
        _setInterOpNumThreads = Slot<SetThreadsFn>(25);
        _createTensor = Slot<CreateTensorFn>(49);
        _getTensorMutableData = Slot<GetTensorMutableDataFn>(51);
        _getTensorShapeElementCount = Slot<GetElementCountFn>(64);
        _getTensorTypeAndShape = Slot<GetTypeAndShapeFn>(65);
        var createCpuMemoryInfo = Slot<CreateCpuMemoryInfoFn>(69);
        _releaseStatus = Slot<ReleaseFn>(93);
        _releaseSession = Slot<ReleaseFn>(95);
        _releaseValue = Slot<ReleaseFn>(96);
        _releaseTypeAndShape = Slot<ReleaseFn>(99);
        _releaseSessionOptions = Slot<ReleaseFn>(100);

        var logId = Marshal.StringToCoTaskMemUTF8("softswitch");
        try
        {
            Check(createEnv(LoggingLevelWarning, logId, out _env), "CreateEnv");
        }
        finally
        {
            Marshal.FreeCoTaskMem(logId);
        }

        Check(createCpuMemoryInfo(ArenaAllocator, MemTypeDefault, out _cpuMemory), "CreateCpuMemoryInfo");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetApiFn(uint version);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetErrorMessageFn(IntPtr status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateEnvFn(int level, IntPtr logId, out IntPtr env);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateSessionFn(IntPtr env, IntPtr modelPath, IntPtr options, out IntPtr session);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr RunFn(IntPtr session, IntPtr runOptions, IntPtr[] inputNames, IntPtr[] inputs, nuint inputCount, IntPtr[] outputNames, nuint outputCount, IntPtr[] outputs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateSessionOptionsFn(out IntPtr options);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr SetThreadsFn(IntPtr options, int threads);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateTensorFn(IntPtr memoryInfo, IntPtr data, nuint dataBytes, long[] shape, nuint shapeLength, int elementType, out IntPtr value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetTensorMutableDataFn(IntPtr value, out IntPtr data);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetElementCountFn(IntPtr info, out nuint count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetTypeAndShapeFn(IntPtr value, out IntPtr info);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateCpuMemoryInfoFn(int allocatorType, int memoryType, out IntPtr info);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ReleaseFn(IntPtr value);

    /// <summary>The process-wide runtime (loads the library on first use).</summary>
    /// <exception cref="DllNotFoundException">libonnxruntime.so is missing (named, with <c>./softswitch setup</c>).</exception>
    public static OnnxRuntime Instance
    {
        get
        {
            lock (s_lock)
            {
                return s_instance ??= new OnnxRuntime();
            }
        }
    }

    /// <summary>Opens a model.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="numThreads">Intra-op threads (inter-op is 1).</param>
    /// <returns>The session handle; free with <see cref="ReleaseSession"/>.</returns>
    /// <exception cref="InvalidOperationException">ONNX Runtime refused the model (its message included).</exception>
    public IntPtr CreateSession(string modelPath, int numThreads)
    {
        Check(_createSessionOptions(out var options), "CreateSessionOptions");
        var path = Marshal.StringToCoTaskMemUTF8(modelPath);
        try
        {
            Check(_setIntraOpNumThreads(options, numThreads), "SetIntraOpNumThreads");
            Check(_setInterOpNumThreads(options, 1), "SetInterOpNumThreads");
            Check(_createSession(_env, path, options, out var session), $"CreateSession({modelPath})");
            return session;
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
            _releaseSessionOptions(options);
        }
    }

    /// <summary>Frees a session.</summary>
    /// <param name="session">From <see cref="CreateSession"/>.</param>
    public void ReleaseSession(IntPtr session) => _releaseSession(session);

    /// <summary>Runs a model whose inputs are int64 or float tensors and whose one output is a float tensor.</summary>
    /// <param name="session">The session.</param>
    /// <param name="inputs">Name, element type, data (a <c>long[]</c> or <c>float[]</c>) and shape of each input.</param>
    /// <param name="outputName">The output to fetch.</param>
    /// <returns>The output's elements.</returns>
    /// <exception cref="InvalidOperationException">The run failed (ONNX Runtime's message included).</exception>
    public float[] Run(IntPtr session, IReadOnlyList<(string Name, int ElementType, Array Data, long[] Shape)> inputs, string outputName)
    {
        var count = inputs.Count;
        var handles = new GCHandle[count];
        var names = new IntPtr[count];
        var values = new IntPtr[count];
        var outputNames = new[] { Marshal.StringToCoTaskMemUTF8(outputName) };
        var outputs = new IntPtr[1];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var (name, type, data, shape) = inputs[i];
                handles[i] = GCHandle.Alloc(data, GCHandleType.Pinned);
                names[i] = Marshal.StringToCoTaskMemUTF8(name);
                var bytes = (nuint)(data.Length * (type == TensorInt64 ? sizeof(long) : sizeof(float)));
                Check(_createTensor(_cpuMemory, handles[i].AddrOfPinnedObject(), bytes, shape, (nuint)shape.Length, type, out values[i]), $"CreateTensorWithDataAsOrtValue({name})");
            }

            Check(_run(session, IntPtr.Zero, names, values, (nuint)count, outputNames, 1, outputs), "Run");
            Check(_getTensorTypeAndShape(outputs[0], out var info), "GetTensorTypeAndShape");
            nuint elements;
            try
            {
                Check(_getTensorShapeElementCount(info, out elements), "GetTensorShapeElementCount");
            }
            finally
            {
                _releaseTypeAndShape(info);
            }

            Check(_getTensorMutableData(outputs[0], out var pointer), "GetTensorMutableData");
            var result = new float[(int)elements];
            Marshal.Copy(pointer, result, 0, result.Length);
            return result;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (values[i] != IntPtr.Zero)
                {
                    _releaseValue(values[i]);
                }

                Marshal.FreeCoTaskMem(names[i]);
                if (handles[i].IsAllocated)
                {
                    handles[i].Free();
                }
            }

            if (outputs[0] != IntPtr.Zero)
            {
                _releaseValue(outputs[0]);
            }

            Marshal.FreeCoTaskMem(outputNames[0]);
        }
    }

    [DllImport(SherpaOnnx.OnnxRuntime, EntryPoint = "OrtGetApiBase")]
    private static extern IntPtr OrtGetApiBase();

    private void Check(IntPtr status, string what)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var message = Marshal.PtrToStringUTF8(_getErrorMessage(status)) ?? "unknown error";
        _releaseStatus(status);
        throw new InvalidOperationException($"ONNX Runtime {what} failed: {message}");
    }
}
