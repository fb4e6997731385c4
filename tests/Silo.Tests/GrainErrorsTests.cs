using Actors.Grains.Interfaces;
using Actors.Silo.Gateway;
using Orleans.Storage;

namespace Actors.Silo.Tests;

/// <summary>What a failed call becomes at the API: a status chosen by the refusal's domain code, never by a BCL exception's type.</summary>
public sealed class GrainErrorsTests
{
    public static TheoryData<Exception, int, string> Failures() => new()
    {
        // Coded refusals, by their code.
        { new RequestRejectedException(RequestRejectedException.NotFound, "Pool 'p' does not exist."), 404, "not_found" },
        { new RequestRejectedException("insufficient_balance", "holds 0"), 409, "insufficient_balance" },
        { RequestRejectedException.Invalid("amount", "must be more than zero"), 400, "validation_failed" },

        // Faults of the cluster: nothing committed for certain, safe to retry.
        { new InconsistentStateException("another activation wrote first"), 503, "unavailable" },
        { new TimeoutException("no answer"), 503, "unavailable" },

        // Anything else is a fault of the software, whatever its type: a 500 problem with a code, not a 409, 404 or 400.
        { new InvalidOperationException("a state the code did not expect"), 500, "internal_error" },
        { new KeyNotFoundException("a dictionary lookup failed"), 500, "internal_error" },
        { new ArgumentException("a bug's argument", "value"), 500, "internal_error" },
        { new OverflowException("UInt256 addition overflowed"), 500, "internal_error" },
        { new NullReferenceException(), 500, "internal_error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_maps_by_its_domain_code_and_anything_unexpected_is_a_coded_500(Exception failure, int status, string code)
    {
        var error = GrainErrors.Classify(failure);

        Assert.Equal((status, code), (error?.Status, error?.Code));
    }
}
