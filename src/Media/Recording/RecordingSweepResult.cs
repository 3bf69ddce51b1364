namespace Softswitch.Media.Recording;

/// <summary>What one <see cref="RecordingRetention"/> pass did.</summary>
/// <param name="FilesDeleted">Recordings deleted.</param>
/// <param name="BytesDeleted">Their total size.</param>
/// <param name="FoldersDeleted">Empty (date) folders removed.</param>
/// <param name="HeadersRepaired">Headers fixed by <see cref="RecordingRetention.RepairHeaders"/>.</param>
/// <param name="Failures">Files that could not be deleted or repaired (logged as warnings).</param>
public readonly record struct RecordingSweepResult(int FilesDeleted, long BytesDeleted, int FoldersDeleted, int HeadersRepaired, int Failures);
