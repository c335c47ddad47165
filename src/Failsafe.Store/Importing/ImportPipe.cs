using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Failsafe.Store.Importing;

/// <summary>
/// Hands sets from the reader to an <see cref="IImportWriter"/> on a thread of its own, so reading and parsing the
/// file overlaps with the database's writing. Sets travel in chunks through a short bounded queue, so memory stays flat
/// however long the file; chunks are reused. The writer's thread is the only one that uses the connection until
/// <see cref="Complete"/> or <see cref="Abort"/> returns. A failure of the writer reaches the reader at its next
/// <see cref="Add"/>, as the writer's own exception.
/// </summary>
internal sealed class ImportPipe : IDisposable
{
    private const int ChunkSize = 4096;
    private const int ChunksQueued = 4;

    private readonly IImportWriter _writer;
    private readonly BlockingCollection<(Entry[] Items, int Count)> _full = new(ChunksQueued);
    private readonly ConcurrentQueue<Entry[]> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;
    private Entry[] _filling = new Entry[ChunkSize];
    private int _count;

    private readonly record struct Entry(ImportedWorkout Workout, ImportedSet Set);

    public ImportPipe(IImportWriter writer)
    {
        _writer = writer;
        _task = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    // The import's hot loops (this one, the reader's Execute and Row, the PostgreSQL writer's AddSet) are
    // compiled optimized at their first call. An import is one long call of each, which a fresh server otherwise runs
    // as unoptimized code, and then recompiles, through its first seconds: the runtime's compiler took as much CPU as
    // PostgreSQL's backend then, on two cores (bench/README.md, "Import into PostgreSQL").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write()
    {
        try
        {
            foreach (var (items, count) in _full.GetConsumingEnumerable(_stop.Token))
            {
                for (var i = 0; i < count; i++)
                    _writer.AddSet(items[i].Workout, items[i].Set);
                Array.Clear(items, 0, count);
                _free.Enqueue(items);
            }
            _writer.Flush();
        }
        catch
        {
            // Stops the reader at its next Add (harmless when the reader aborted this thread).
            _stop.Cancel();
            throw;
        }
    }

    public void Add(ImportedWorkout workout, in ImportedSet set)
    {
        _filling[_count++] = new Entry(workout, set);
        if (_count == ChunkSize)
            Send();
    }

    private void Send()
    {
        try
        {
            _full.Add((_filling, _count), _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The writer failed: its exception is the one to report.
            _task.GetAwaiter().GetResult();
            throw;
        }
        _filling = _free.TryDequeue(out var reused) ? reused : new Entry[ChunkSize];
        _count = 0;
    }

    /// <summary>Writes everything added and waits until it is written; rethrows the writer's failure.</summary>
    public void Complete()
    {
        if (_count > 0)
            Send();
        _full.CompleteAdding();
        _task.GetAwaiter().GetResult();
    }

    /// <summary>Stops the writer and waits for it; nothing more is written.</summary>
    public void Abort()
    {
        _stop.Cancel();
        _full.CompleteAdding();
        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled, or failed: the caller is already handling an error and rolls everything back.
        }
    }

    public void Dispose()
    {
        if (!_task.IsCompleted)
            Abort();
        _full.Dispose();
        _stop.Dispose();
    }
}
