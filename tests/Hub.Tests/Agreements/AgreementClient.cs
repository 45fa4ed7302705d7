using System.Collections.Immutable;
using System.Threading.Channels;
using Hub.Contracts.Agreements;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Tests.Infrastructure;
using Hub.Tests.Text;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Agreements;

/// <summary>
/// A test client that edits one section of an agreement the way the browser does: snapshot first, committed
/// operations in sequence order (resyncing on a gap), the OT client state machine for the section
/// (<see cref="OtClient"/>), and one Submit at a time, in order. Safe to drive from one test thread while pushes
/// arrive on others.
/// </summary>
public sealed class AgreementClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Channel<(OpId Id, AgreementOp Op)> _outbox = Channel.CreateUnbounded<(OpId, AgreementOp)>();
    private readonly SortedDictionary<long, Committed<AgreementOp>> _early = [];
    private readonly string _clientId = $"c{Guid.NewGuid():N}";
    private readonly Task _sending;
    private long _number;
    private OtClient? _text;

    private AgreementClient(HubConnection connection, Guid partnershipId, AgreementSection section)
    {
        Connection = connection;
        PartnershipId = partnershipId;
        Section = section;
        _sending = SendLoop();
    }

    public HubConnection Connection { get; }

    public Guid PartnershipId { get; }

    public AgreementSection Section { get; }

    public string ClientId => _clientId;

    /// <summary>Called (under the client's lock) for every committed operation, after it was applied.</summary>
    public Action<Committed<AgreementOp>>? OnCommitted { get; set; }

    /// <summary>Called (under the client's lock) whenever an operation goes out: its id and its base.</summary>
    public Action<OpId, long>? OnSent { get; set; }

    public long Seq
    {
        get
        {
            lock (_gate)
            {
                return _text?.Seq ?? 0;
            }
        }
    }

    /// <summary>What this person sees in the section.</summary>
    public string View
    {
        get
        {
            lock (_gate)
            {
                return _text?.View ?? "";
            }
        }
    }

    public bool IsSynchronized
    {
        get
        {
            lock (_gate)
            {
                return _text is { IsSynchronized: true };
            }
        }
    }

    public static async Task<AgreementClient> OpenAsync(UserSession user, Guid partnershipId, AgreementSection section = AgreementSection.Purpose)
    {
        var connection = await user.ConnectAsync(AgreementHub.Path);
        var client = new AgreementClient(connection, partnershipId, section);
        connection.On<Guid, ImmutableArray<Committed<AgreementOp>>>(nameof(IAgreementClient.Committed), (id, ops) =>
        {
            if (id == partnershipId)
            {
                client.Received(ops);
            }
        });
        client.Synced(await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnershipId, 0L));
        return client;
    }

    /// <summary>A local edit: a function of what this person sees now gives the operation.</summary>
    public void Edit(Func<string, TextOp> edit, bool mergeWithLast = false)
    {
        lock (_gate)
        {
            _text!.Edit(edit(_text.View), mergeWithLast);
        }
    }

    public bool Undo()
    {
        lock (_gate)
        {
            return _text!.Undo();
        }
    }

    public bool Redo()
    {
        lock (_gate)
        {
            return _text!.Redo();
        }
    }

    public async Task WaitUntilAsync(Func<AgreementClient, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                Assert.Fail($"Timed out waiting; client at seq {Seq}, synchronized: {IsSynchronized}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _sending;
        await Connection.DisposeAsync();
    }

    private OpId Send(long baseSeq, TextOp op)
    {
        var id = new OpId(_clientId, Interlocked.Increment(ref _number));
        OnSent?.Invoke(id, baseSeq);
        _outbox.Writer.TryWrite((id, new EditSection(Section, baseSeq, op)));
        return id;
    }

    /// <summary>One at a time, in order, as the browser's LiveDocument sends.</summary>
    private async Task SendLoop()
    {
        await foreach (var (id, op) in _outbox.Reader.ReadAllAsync())
        {
            var result = await Connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), PartnershipId, id, op);
            if (result.ErrorCode is { } code)
            {
                lock (_gate)
                {
                    _text!.Refused(id, code);
                }

                _changed.Release();
            }
        }
    }

    private void Synced(SyncResult<AgreementOp, AgreementSnapshot> sync)
    {
        lock (_gate)
        {
            if (sync.Snapshot is { } snapshot && _text is null)
            {
                _text = new OtClient(snapshot.Agreement.Sections[Section], snapshot.Seq, Send);
            }

            foreach (var op in sync.Ops)
            {
                _early[op.Seq] = op;
            }

            Drain();
        }

        _changed.Release();
    }

    private void Received(ImmutableArray<Committed<AgreementOp>> ops)
    {
        var gap = false;
        lock (_gate)
        {
            foreach (var op in ops)
            {
                _early[op.Seq] = op;
            }

            Drain();
            gap = _early.Count > 0;
        }

        if (gap)
        {
            _ = ResyncAsync();
        }

        _changed.Release();
    }

    private async Task ResyncAsync() =>
        Synced(await Connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Sync), PartnershipId, Seq));

    private void Drain()
    {
        if (_text is null)
        {
            return;
        }

        foreach (var seq in _early.Keys.Where(s => s <= _text.Seq).ToList())
        {
            _early.Remove(seq);
        }

        while (_early.Remove(_text.Seq + 1, out var next))
        {
            if (next.Op is EditSection edit && edit.Section == Section)
            {
                _text.Committed(next.Seq, next.Id, edit.Op);
            }
            else
            {
                _text.Skip(next.Seq);
            }

            OnCommitted?.Invoke(next);
        }
    }
}
