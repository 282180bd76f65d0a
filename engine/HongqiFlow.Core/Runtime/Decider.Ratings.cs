using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>好差评 by GB/T 39734-2020: rating, 差评核实, 整改 and 回访 (docs/console.md, "Ratings").</summary>
internal sealed partial class Decider
{
    private RatingPolicy Policy => _definition.Definition.Rating;

    private bool Rated(string stage) => Current.AllRatings.Any(r => r.Stage == stage);

    /// <summary>The service a rating sent now is about, or null when none may be rated yet.</summary>
    internal static string? RatingStage(CompiledDefinition definition, CaseState state) =>
        state.Outcome is not null ? CaseRating.Stages.Finished
        : definition.Definition.Rating.Per == RatingPer.Service && state.Clock.Started ? CaseRating.Stages.Accepted
        : null;

    private Rejection? Rate()
    {
        if (RatingStage(_definition, Current) is not { } stage)
        {
            return Reject(RejectionCodes.RatingNotAllowed);
        }

        if (Current.AllRatings.LastOrDefault(r => r.Stage == stage) is { } rating)
        {
            return Reject(RejectionCodes.RatingNotAllowed, Policy.Per == RatingPer.Service ? "already-rated-stage" : "already-rated", ("level", rating.Level));
        }

        var level = _command.Payload.TryGetValue("level", out var l) && l is decimal d && d == decimal.Truncate(d) && d is >= 1 and <= 5 ? (int)d : 0;
        if (level == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "rating-level");
        }

        var channel = _command.Payload.GetString("channel") ?? (_command.Channel == Channel.Online ? RatingChannels.Online : RatingChannels.Window);
        if (!RatingChannels.All.Contains(channel, StringComparer.Ordinal))
        {
            return Reject(RejectionCodes.InvalidPayload, "rating-channel", ("channel", channel), ("known", RatingChannels.All.ToList()));
        }

        if (Policy.Channels.Count > 0 && !Policy.Channels.Contains(channel))
        {
            return Reject(RejectionCodes.RatingChannelNotAllowed, null, ("channel", channel), ("declared", Policy.Channels.ToList()));
        }

        var category = level <= 2 ? _command.Payload.GetString("category") : null;
        if (level <= 2 && Policy.Categories.Count > 0 && !Policy.Categories.Any(c => c.Id == category))
        {
            var declared = Policy.Categories.Select(c => new Localized($"{c.Id}（{c.Name}）", c.Id)).ToList();
            return category is null
                ? Reject(RejectionCodes.RatingCategory, "missing", ("declared", declared))
                : Reject(RejectionCodes.RatingCategory, null, ("category", category), ("declared", declared));
        }

        RecordRating(level, _command.Payload.GetString("comment"), defaulted: false, stage, channel, category);
        return null;
    }

    private void RecordRating(int level, string? comment, bool defaulted, string stage, string? channel, string? category)
    {
        Emit(BuiltInEvents.Rate, data: ValueMap.Of(("level", level), ("comment", comment), ("defaulted", defaulted), ("stage", stage), ("channel", channel), ("category", category)),
            idempotent: true);

        // Under 一次一评 a second bad rating while the first is being handled joins its rectification.
        if (level <= 2 && Current.OpenObligation(Obligation.RectificationId) is null)
        {
            OpenObligation(Obligation.RectificationId, ObligationKind.Rectification, Policy.RectifyWithin,
                ValueMap.Of(("level", level), ("rectified", false), ("feedback", false)));
        }
    }

    /// <summary>差评核实: whether the bad rating is founded (confirmed) or not (unfounded: only the follow-up is owed).</summary>
    private Rejection? VerifyRating()
    {
        if (Current.OpenObligation(Obligation.RectificationId) is not { } open)
        {
            return Reject(RejectionCodes.NoRectificationOpen);
        }

        if (open.Details.GetString("verification") is { } done)
        {
            return Reject(RejectionCodes.NoRectificationOpen, "verified", ("result", done));
        }

        var result = _command.Payload.GetString("result");
        if (result is not ("confirmed" or "unfounded"))
        {
            return Reject(RejectionCodes.InvalidPayload, "rating-verification");
        }

        Emit(BuiltInEvents.VerifyRating, data: ValueMap.Of(("result", result), ("note", _command.Payload.GetString("note"))), idempotent: true);
        CloseRectificationIfDone();
        return null;
    }

    private Rejection? Rectification()
    {
        if (Current.OpenObligation(Obligation.RectificationId) is not { } open)
        {
            return Reject(RejectionCodes.NoRectificationOpen);
        }

        var rectify = _command.Event == BuiltInEvents.Rectify;
        if (open.Details.GetString(rectify ? "rectified" : "feedback") == "true")
        {
            return Reject(RejectionCodes.NoRectificationOpen, rectify ? "rectified" : "feedback", ("event", _command.Event));
        }

        var verification = open.Details.GetString("verification");
        if (rectify && verification == "unfounded")
        {
            return Reject(RejectionCodes.NoRectificationOpen, "unfounded");
        }

        if (rectify && verification is null && Policy.VerificationRequired)
        {
            return Reject(RejectionCodes.RatingNotVerified);
        }

        var data = _command.Payload;
        if (!rectify)
        {
            var method = data.GetString("method");
            if (method is not null && !FollowUpMethods.All.Contains(method, StringComparer.Ordinal))
            {
                return Reject(RejectionCodes.InvalidPayload, "feedback-method", ("method", method), ("known", FollowUpMethods.All.ToList()));
            }

            if (data.TryGetValue("satisfied", out var satisfied) && satisfied is not (null or bool))
            {
                return Reject(RejectionCodes.InvalidPayload, "feedback-satisfied");
            }
        }

        Emit(_command.Event, data: data, idempotent: true);
        CloseRectificationIfDone();
        return null;
    }

    /// <summary>The rectification is done once followed up and either rectified or found unfounded.</summary>
    private void CloseRectificationIfDone()
    {
        var o = Current.OpenObligation(Obligation.RectificationId)!;
        if (o.Details.GetString("feedback") == "true" && (o.Details.GetString("rectified") == "true" || o.Details.GetString("verification") == "unfounded"))
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.RectificationId)));
            NotifyObligation(Obligation.RectificationId, "fulfilled");
        }
    }
}
