using Actors.Grains.Interfaces;

namespace Actors.Grains;

/// <summary>Operation ids: how a retried request is recognized, so that it has one effect.</summary>
internal static class OperationIds
{
    /// <summary>The longest operation id accepted.</summary>
    public const int MaxLength = 128;

    public static void Validate(string operationId)
    {
        if (string.IsNullOrEmpty(operationId) || operationId.Length > MaxLength || operationId.Any(char.IsControl))
        {
            throw RequestRejectedException.Invalid(nameof(operationId), $"An operation id is 1 to {MaxLength} characters without control characters.");
        }
    }
}
