using Actors.Runtime.Messaging;

namespace Actors.Runtime.Tests.Messaging;

public sealed class ExceptionCodecTests
{
    [Fact]
    public void A_rejection_crosses_the_wire_with_its_code_and_message()
    {
        var decoded = ExceptionCodec.Decode(ExceptionCodec.Encode(new RequestRejectedException("wallet_frozen", "Wallet is frozen.")));

        var rejected = Assert.IsType<RequestRejectedException>(decoded);
        Assert.Equal("wallet_frozen", rejected.Code);
        Assert.Equal("Wallet is frozen.", rejected.Message);
    }

    [Fact]
    public void Argument_errors_keep_their_parameter_name_and_unknown_types_are_named()
    {
        var argument = Assert.IsType<ArgumentOutOfRangeException>(
            ExceptionCodec.Decode(ExceptionCodec.Encode(new ArgumentOutOfRangeException("amount", "too large"))));
        var unknown = Assert.IsType<RemoteGrainException>(ExceptionCodec.Decode(ExceptionCodec.Encode(new DivideByZeroException("zero"))));

        Assert.Equal("amount", argument.ParamName);
        Assert.Equal(typeof(DivideByZeroException).FullName, unknown.RemoteType);
    }
}
