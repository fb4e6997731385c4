using System.Net;
using System.Text.Json;
using Actors.Grains.Gateway;
using Actors.Grains.Interfaces.Gateway;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Actors.Silo.Tests.Idempotency;

/// <summary>
/// The idempotency record on its own, with a fake clock and a fake view of which silos are dead: who may run a request, under
/// which epoch (and so which operation id), and when a retry takes over an attempt that will not finish. Every call goes to a
/// fresh activation that reads the stored record, as after a move to another silo.
/// </summary>
public sealed class IdempotencyGrainTests
{
    private const string Request = "fingerprint-of-the-request";
    private const string OtherRequest = "fingerprint-of-another-request";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly SiloAddress First = Silo(11111);
    private static readonly SiloAddress Second = Silo(11112);
    private static readonly SiloAddress Third = Silo(11113);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
    private readonly DeadSilos _dead = new(Third);
    private string? _stored;

    [Fact]
    public async Task A_retry_takes_over_at_once_the_claim_of_an_attempt_whose_silo_died_and_keeps_its_epoch()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        _dead.Add(First);

        var retry = await Grain().Begin(Request, Second, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.Claimed, first.Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, retry.Outcome);
        Assert.Equal(first.Epoch, retry.Epoch);
        Assert.Equal(First, retry.TakenOverFrom);
    }

    [Fact]
    public async Task A_live_attempt_that_renews_keeps_its_claim_and_one_that_stops_renewing_loses_it_when_its_lease_runs_out()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        _time.Advance(TimeSpan.FromSeconds(4));
        var early = await Grain().Begin(Request, Second, Lease, Lifetime);
        var renewed = await Grain().Renew(Request, First);
        _time.Advance(TimeSpan.FromSeconds(4));
        var afterRenewal = await Grain().Begin(Request, Second, Lease, Lifetime);
        _time.Advance(TimeSpan.FromSeconds(1));

        var late = await Grain().Begin(Request, Second, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.InProgress, early.Outcome);
        Assert.True(renewed);
        Assert.Equal(IdempotencyOutcome.InProgress, afterRenewal.Outcome);
        Assert.Equal((IdempotencyOutcome.Claimed, first.Epoch, First), (late.Outcome, late.Epoch, late.TakenOverFrom));
    }

    [Fact]
    public async Task A_repeat_on_the_silo_still_running_the_request_waits_for_it()
    {
        await Grain().Begin(Request, First, Lease, Lifetime);

        var repeat = await Grain().Begin(Request, First, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.InProgress, repeat.Outcome);
    }

    [Fact]
    public async Task A_released_claim_is_resumed_under_the_same_epoch_and_another_request_on_the_key_is_a_conflict()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        await Grain().Release(Request, First);

        var other = await Grain().Begin(OtherRequest, Second, Lease, Lifetime);
        var retry = await Grain().Begin(Request, Second, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.Conflict, other.Outcome);
        Assert.Equal((IdempotencyOutcome.Claimed, first.Epoch), (retry.Outcome, retry.Epoch));
    }

    [Fact]
    public async Task An_attempt_whose_claim_was_taken_over_can_neither_renew_nor_release_it()
    {
        await Grain().Begin(Request, First, Lease, Lifetime);
        _dead.Add(First);
        await Grain().Begin(Request, Second, Lease, Lifetime);

        var renewed = await Grain().Renew(Request, First);
        await Grain().Release(Request, First);
        var third = await Grain().Begin(Request, Third, Lease, Lifetime);

        Assert.False(renewed);
        Assert.Equal(IdempotencyOutcome.InProgress, third.Outcome);
    }

    [Fact]
    public async Task The_first_response_stored_is_the_one_every_repeat_gets_from_any_silo()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        await Grain().Complete(Request, new StoredResponse(200, "application/json", "{\"n\":1}"u8.ToArray()));
        await Grain().Complete(Request, new StoredResponse(200, "application/json", "{\"n\":2}"u8.ToArray()));

        var repeat = await Grain().Begin(Request, Second, Lease, Lifetime);
        var other = await Grain().Begin(OtherRequest, Second, Lease, Lifetime);

        Assert.Equal((IdempotencyOutcome.Replay, first.Epoch), (repeat.Outcome, repeat.Epoch));
        Assert.Equal("{\"n\":1}"u8.ToArray(), repeat.Response!.Body);
        Assert.Equal(IdempotencyOutcome.Conflict, other.Outcome);
    }

    [Fact]
    public async Task A_record_past_its_lifetime_takes_any_request_under_a_new_epoch()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        await Grain().Complete(Request, new StoredResponse(200, null, []));
        _time.Advance(Lifetime);

        var reuse = await Grain().Begin(OtherRequest, Second, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.Claimed, reuse.Outcome);
        Assert.NotEqual(first.Epoch, reuse.Epoch);
        Assert.Null(reuse.TakenOverFrom);
    }

    // A new activation over what storage holds now.
    [Fact]
    public async Task A_forgotten_refusal_frees_the_key_for_any_request_under_a_later_epoch_even_on_a_clock_that_did_not_move()
    {
        var refused = await Grain().Begin(Request, First, Lease, Lifetime);
        await Grain().Forget(Request, First);

        var corrected = await Grain().Begin(OtherRequest, Second, Lease, Lifetime);
        var stranger = await Grain().Begin(Request, Third, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.Claimed, corrected.Outcome);
        Assert.True(corrected.Epoch > refused.Epoch, $"epoch {corrected.Epoch} after {refused.Epoch}");
        Assert.Equal(IdempotencyOutcome.Conflict, stranger.Outcome);
    }

    [Fact]
    public async Task Only_the_holder_can_forget_a_claim()
    {
        var first = await Grain().Begin(Request, First, Lease, Lifetime);
        await Grain().Forget(Request, Second);

        var repeat = await Grain().Begin(Request, Second, Lease, Lifetime);

        Assert.Equal(IdempotencyOutcome.InProgress, repeat.Outcome);
        Assert.Equal(first.Epoch, repeat.Epoch);
    }

    private IdempotencyGrain Grain() => new(new StoredState(this), _dead, _time);

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    // The record as storage keeps it: JSON, read again by every activation.
    private sealed class StoredState(IdempotencyGrainTests test) : IPersistentState<IdempotencyState>
    {
        public IdempotencyState State { get; set; } = test._stored is { } json ? JsonSerializer.Deserialize<IdempotencyState>(json)! : new();

        public string? Etag => null;

        public bool RecordExists => test._stored is not null;

        public Task ClearStateAsync()
        {
            test._stored = null;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            test._stored = JsonSerializer.Serialize(State);
            return Task.CompletedTask;
        }

        public Task ReadStateAsync() => Task.CompletedTask;
    }

    // The membership as a silo sees it: the given silos are dead, every other one alive.
    private sealed class DeadSilos(SiloAddress self) : ISiloStatusOracle
    {
        private readonly HashSet<SiloAddress> _dead = [];

        public SiloStatus CurrentStatus => SiloStatus.Active;

        public string SiloName => "test";

        public SiloAddress SiloAddress => self;

        public void Add(SiloAddress silo) => _dead.Add(silo);

        public bool IsDeadSilo(SiloAddress silo) => _dead.Contains(silo);

        public SiloStatus GetApproximateSiloStatus(SiloAddress siloAddress) => IsDeadSilo(siloAddress) ? SiloStatus.Dead : SiloStatus.Active;

        public SiloAddress[] GetActiveSilos() => [];

        public Dictionary<SiloAddress, SiloStatus> GetApproximateSiloStatuses(bool onlyActive = false) => [];

        public bool TryGetSiloName(SiloAddress siloAddress, out string siloName)
        {
            siloName = siloAddress.ToString();
            return true;
        }

        public bool IsFunctionalDirectory(SiloAddress siloAddress) => !IsDeadSilo(siloAddress);

        public bool SubscribeToSiloStatusEvents(ISiloStatusListener observer) => false;

        public bool UnSubscribeFromSiloStatusEvents(ISiloStatusListener observer) => false;
    }
}
