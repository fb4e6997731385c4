using System.Text;

namespace Actors.Runtime.Reminders;

/// <summary>Checks what may be stored as a reminder, before any storage is touched, so that a bad argument is never reported as a storage failure.</summary>
internal static class ReminderArguments
{
    /// <summary>The longest reminder name accepted, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 256;

    // Throws on lone surrogates, which cannot be stored as UTF-8 text.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a reminder name: not empty, at most <see cref="MaxNameBytes"/> UTF-8 bytes, no control characters.</summary>
    public static void ValidateName(string name, string parameterName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0)
        {
            throw new ArgumentException("A reminder name must not be empty.", parameterName);
        }

        if (name.Length > MaxNameBytes || ByteCount(name, parameterName) > MaxNameBytes)
        {
            throw new ArgumentException($"A reminder name must be at most {MaxNameBytes} UTF-8 bytes.", parameterName);
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A reminder name must not contain the control character U+{(int)c:X4}.", parameterName);
            }
        }
    }

    public static void ValidateKey(ReminderKey key, string parameterName = "key")
    {
        ValidateGrain(key.GrainId, parameterName);
        ValidateName(key.Name, parameterName);
    }

    /// <summary>Rejects <c>default(GrainId)</c>, which names no grain.</summary>
    public static void ValidateGrain(GrainId grainId, string parameterName = "grainId")
    {
        if (grainId.Type is null || grainId.Key is null)
        {
            throw new ArgumentException("A reminder needs a grain id.", parameterName);
        }
    }

    public static void ValidateEntry(ReminderEntry entry, string parameterName = "entry")
    {
        ArgumentNullException.ThrowIfNull(entry, parameterName);
        ValidateKey(entry.Key, parameterName);
        if (entry.FirstTickAt < ReminderTimes.MinUnixMs || entry.FirstTickAt > ReminderTimes.MaxUnixMs)
        {
            throw new ArgumentException("A reminder's first tick must be a time DateTimeOffset can hold.", parameterName);
        }

        if (entry.PeriodMs < 0)
        {
            throw new ArgumentException("A reminder's period must not be negative.", parameterName);
        }

        ValidateTick(entry.LastTick, parameterName);
        if (entry.IsOneShot && entry.LastTick > 0)
        {
            throw new ArgumentException("A one-shot reminder has only tick 0.", parameterName);
        }
    }

    public static void ValidateTick(long lastTick, string parameterName = "lastTick") =>
        ArgumentOutOfRangeException.ThrowIfLessThan(lastTick, -1, parameterName);

    private static int ByteCount(string name, string parameterName)
    {
        try
        {
            return StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException error)
        {
            throw new ArgumentException("A reminder name must be well-formed Unicode.", parameterName, error);
        }
    }
}
