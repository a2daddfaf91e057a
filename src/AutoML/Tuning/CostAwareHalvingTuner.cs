// Chooses the next trial. Asynchronous successive halving (ASHA, Li et al. 2020) made cost-aware:
//  0. baseline: the very first trial is the cheapest family's known-good default at the full budget
//     (FeaturizeText + SdcaMaximumEntropy with ML.NET's defaults, what an ML.NET user writes first), so the
//     experiment always has a full-data model at least as good as that baseline to hand back; halving
//     ranks on small budgets, where a family that learns fast on little data can look better than it is
//     (measured on ag_news: OneVersusAll led SDCA at 1/9 of the rows, SDCA was better on all of them);
//  1. promote: from the highest rung down, the best configuration that is in the top ⌊n/η⌋ of the n that
//     finished its rung and has not gone up yet, runs at the next rung — if its estimated cost fits;
//  2. secure a deliverable: when half the time is gone and no full-budget trial has finished, the best
//     configuration so far goes straight to the first full-budget rung (if it fits);
//  3. otherwise start a new configuration at rung 0: first every family's known-good default, cheapest
//     family first (RelativeCost); then configurations sampled from a family drawn with weight
//     exp((best_f − best)/τ) over the families' rung-0 scores (τ = 0.02: two points of accuracy), so
//     good families get most samples but none is dropped; families never scored weigh 1, halved for
//     each of their trials that failed or was cancelled (a family whose trials overrun their time cap, as
//     LightGBM on 2 busy cores does, stops soaking up the budget).
// Everything random comes from one Random seeded by the experiment; with a budget that does not bind,
// the sequence of trials depends only on the seed and the scores.
namespace MlNetAttention.AutoML;

/// <summary>The experiment's search strategy: which configuration to run next, at which budget.</summary>
internal sealed class CostAwareHalvingTuner
{
    private const double FamilyTemperature = 0.02;
    private const int SamplingAttempts = 20;

    private readonly IReadOnlyList<ITrialPipelineFactory> _families;
    private readonly SuccessiveHalvingSchedule _schedule;
    private readonly Random _random;
    private readonly List<(ITrialPipelineFactory Family, ParameterSet Parameters)> _configurations = new();
    private readonly Queue<int> _pendingDefaults = new();
    // Per rung: the scores of configurations that completed it, and which of them went up.
    private readonly List<Dictionary<int, double>> _scores;
    private readonly List<HashSet<int>> _promoted;
    private readonly Dictionary<ITrialPipelineFactory, int> _unsuccessful = new();
    private TrialRequest? _baseline;

    public CostAwareHalvingTuner(IReadOnlyList<ITrialPipelineFactory> families, SuccessiveHalvingSchedule schedule, int seed)
    {
        _families = families;
        _schedule = schedule;
        _random = new Random(seed);
        _scores = Enumerable.Range(0, schedule.RungCount).Select(_ => new Dictionary<int, double>()).ToList();
        _promoted = Enumerable.Range(0, schedule.RungCount).Select(_ => new HashSet<int>()).ToList();
        foreach (var family in families.Select((f, i) => (f, i)).OrderBy(x => x.f.RelativeCost).ThenBy(x => x.i).Select(x => x.f))
            _pendingDefaults.Enqueue(AddConfiguration(family, family.DefaultParameters));
        if (schedule.FirstFullRung > 0)
            _baseline = Request(_pendingDefaults.Peek(), schedule.FirstFullRung);
    }

    /// <summary>Whether any configuration has completed the full budget.</summary>
    public bool HasFullBudgetResult => _scores.Skip(_schedule.FirstFullRung).Any(rung => rung.Count > 0);

    /// <summary>The next trial, or null when nothing affordable is left. <paramref name="fits"/> says whether a
    /// request's estimated cost fits the time left; <paramref name="halfTimeGone"/> enables step 2.</summary>
    public TrialRequest? Next(Func<TrialRequest, bool> fits, bool halfTimeGone)
    {
        if (_baseline is not null)
        {
            var baseline = _baseline;
            _baseline = null;
            if (fits(baseline))
                return baseline;
        }

        for (int rung = _schedule.RungCount - 2; rung >= 0; rung--)
        {
            foreach (int id in Promotable(rung))
            {
                var request = Request(id, rung + 1);
                if (fits(request))
                {
                    _promoted[rung].Add(id);
                    return request;
                }
            }
        }

        if (halfTimeGone && !HasFullBudgetResult && _schedule.FirstFullRung > 0)
        {
            var best = BestBelowFull();
            if (best is int id)
            {
                var request = Request(id, _schedule.FirstFullRung);
                if (fits(request))
                {
                    for (int rung = 0; rung < _schedule.FirstFullRung; rung++)
                        _promoted[rung].Add(id);
                    return request;
                }
            }
        }

        while (_pendingDefaults.Count > 0)
        {
            var request = Request(_pendingDefaults.Dequeue(), 0);
            if (fits(request))
                return request;
        }

        return SampleNew(fits);
    }

    /// <summary>Records a finished trial: a completed one joins its rung's ranking (score: larger is better);
    /// failed and cancelled ones never go up.</summary>
    public void Report(TrialRequest request, TrialStatus status, double score)
    {
        if (status == TrialStatus.Completed && !double.IsNaN(score))
            _scores[request.Rung][request.ConfigurationId] = score;
        else
            _unsuccessful[request.Family] = _unsuccessful.GetValueOrDefault(request.Family) + 1;
    }

    /// <summary>Configurations of <paramref name="rung"/> in its top ⌊n/η⌋ that have not gone up (nor already run
    /// higher, as the baseline has), best first.</summary>
    internal IEnumerable<int> Promotable(int rung)
    {
        var ranked = _scores[rung].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
        return ranked.Take(_schedule.PromotionCount(ranked.Count))
            .Where(id => !_promoted[rung].Contains(id) && !_scores.Skip(rung + 1).Any(higher => higher.ContainsKey(id)));
    }

    private int? BestBelowFull()
    {
        for (int rung = _schedule.FirstFullRung - 1; rung >= 0; rung--)
            if (_scores[rung].Count > 0)
                return _scores[rung].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        return null;
    }

    private TrialRequest? SampleNew(Func<TrialRequest, bool> fits)
    {
        var candidates = _families.ToList();
        while (candidates.Count > 0)
        {
            var family = DrawFamily(candidates);
            for (int attempt = 0; attempt < SamplingAttempts; attempt++)
            {
                var parameters = family.SearchSpace.Sample(_random);
                if (_configurations.Any(c => c.Family == family && c.Parameters.Equals(parameters)))
                    continue;
                var request = new TrialRequest(_configurations.Count + 1, family, parameters, _schedule.Budget(0));
                if (!fits(request))
                    break;
                AddConfiguration(family, parameters);
                return request;
            }
            candidates.Remove(family); // exhausted or too costly now: try another family
        }
        return null;
    }

    private ITrialPipelineFactory DrawFamily(IReadOnlyList<ITrialPipelineFactory> candidates)
    {
        double best = _scores[0].Count > 0 ? _scores[0].Values.Max() : 0;
        var weights = candidates.Select(family =>
        {
            var familyScores = _scores[0].Where(kv => _configurations[kv.Key - 1].Family == family).Select(kv => kv.Value).ToList();
            double weight = familyScores.Count == 0 ? 1.0 : Math.Exp((familyScores.Max() - best) / FamilyTemperature);
            return weight * Math.Pow(0.5, _unsuccessful.GetValueOrDefault(family));
        }).ToArray();
        double u = _random.NextDouble() * weights.Sum();
        for (int i = 0; i < candidates.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
                return candidates[i];
        }
        return candidates[^1];
    }

    private int AddConfiguration(ITrialPipelineFactory family, ParameterSet parameters)
    {
        _configurations.Add((family, parameters));
        return _configurations.Count;
    }

    private TrialRequest Request(int configurationId, int rung)
    {
        var (family, parameters) = _configurations[configurationId - 1];
        return new TrialRequest(configurationId, family, parameters, _schedule.Budget(rung));
    }
}
