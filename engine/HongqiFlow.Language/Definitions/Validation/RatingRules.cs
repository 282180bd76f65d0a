using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Validation;

/// <summary>好差评 (GB/T 39734-2020): the rating policy's channels, categories and default level.</summary>
internal static class RatingRules
{
    public static void Check(ValidationRun run)
    {
        var rating = run.Item.Rating;
        for (var i = 0; i < rating.Channels.Count; i++)
        {
            var channel = rating.Channels[i];
            if (!RatingChannels.All.Contains(channel, StringComparer.Ordinal))
            {
                run.Error(
                    ValidationCodes.UnknownRatingChannel,
                    $"'{channel}' is not a rating channel; the channels are {string.Join(", ", RatingChannels.All)}",
                    run.ValueAt(rating, rating.Channels.Count == 1 ? "channels" : $"channels/{i}", "channels"),
                    $"write one of {string.Join(", ", RatingChannels.All)}");
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in rating.Categories)
        {
            if (!ids.Add(category.Id))
            {
                run.Error(ValidationCodes.DuplicateRatingCategory, $"bad-rating category '{category.Id}' is listed twice", run.ValueAt(category, "id"), $"give each category its own id, or remove the copy");
            }
        }

        if (rating.DefaultLevel is < 1 or > 5)
        {
            run.Error(
                ValidationCodes.RatingDefaultLevelOutOfRange,
                $"rating.defaultLevel is {rating.DefaultLevel}; the levels are 1 (非常不满意) to 5 (非常满意)",
                run.ValueAt(rating, "defaultLevel"),
                $"write 3 (基本满意) or another level from 1 to 5");
        }
    }
}
