namespace Bpm.Domain.Calendar;

/// <summary>
/// Precomputed ranks of working days, so that "the N-th working day after D" is two array reads
/// instead of a day-by-day walk.
/// </summary>
/// <remarks>
/// The rank of a day is the number of working days strictly before it, counted from 0001-01-01
/// (DateOnly day number 0, a Monday). Adding N working days is then: rank of the day after receipt
/// + N − 1 = rank of the due day; the due day is the working day that has that rank.
/// Inside the table (1 Jan of the first year with a dated day through 31 Dec of the later of the
/// last published year and the last dated day) the ranks come from arrays; outside it only the
/// weekday rule applies, so ranks are plain arithmetic on weeks (5 working days per 7 days), shifted
/// after the table by the net effect of the dated days in it (more rest days than make-up days → fewer
/// working days than weekdays). Example: 2020–2026 national data has 208 rest and 47 make-up entries,
/// of which only the weekday rests and weekend make-ups shift the rank of every later date.
/// </remarks>
internal sealed class WorkingDayIndex
{
    /// <summary>Day number of 0001-01-01 is 0 and that day is a Monday: day number mod 7 = 0..4 is Mon–Fri.</summary>
    private const int DaysPerWeek = 7;
    private const int WorkingDaysPerPlainWeek = 5;

    private static readonly int LastDayNumber = DateOnly.MaxValue.DayNumber;

    private readonly int tableFirstDay;
    private readonly int tableLastDay;
    /// <summary>rankAt[i] = rank of day tableFirstDay + i; one extra entry for the day after the table.</summary>
    private readonly int[] rankAt;
    /// <summary>Day numbers of the working days inside the table, in order; index = rank − rankAt[0].</summary>
    private readonly int[] workingDaysInTable;
    /// <summary>Rank of any day after the table minus its weekday-only rank.</summary>
    private readonly int rankShiftAfterTable;

    public WorkingDayIndex(int tableFirstDay, int tableLastDay, IReadOnlyDictionary<int, bool> workingByDayNumber)
    {
        this.tableFirstDay = tableFirstDay;
        this.tableLastDay = tableLastDay;
        int length = tableLastDay - tableFirstDay + 1;
        rankAt = new int[length + 1];
        var workingDays = new List<int>(length);
        int rank = PlainWeekdaysBefore(tableFirstDay);
        for (int i = 0; i < length; i++)
        {
            int dayNumber = tableFirstDay + i;
            rankAt[i] = rank;
            bool isWorking = workingByDayNumber.TryGetValue(dayNumber, out bool dated) ? dated : IsMondayToFriday(dayNumber);
            if (isWorking)
            {
                workingDays.Add(dayNumber);
                rank++;
            }
        }
        rankAt[length] = rank;
        workingDaysInTable = workingDays.ToArray();
        rankShiftAfterTable = rank - PlainWeekdaysBefore(tableLastDay + 1);
    }

    public static bool IsMondayToFriday(int dayNumber) => dayNumber % DaysPerWeek < WorkingDaysPerPlainWeek;

    public bool IsWorkingDay(int dayNumber)
    {
        uint offset = (uint)(dayNumber - tableFirstDay);
        return offset < (uint)(rankAt.Length - 1)
            ? rankAt[offset + 1] != rankAt[offset]
            : IsMondayToFriday(dayNumber);
    }

    /// <summary>Number of working days strictly before the day; valid for 0 ≤ dayNumber ≤ last DateOnly + 1.</summary>
    public int RankOf(int dayNumber)
    {
        if (dayNumber < tableFirstDay)
        {
            return PlainWeekdaysBefore(dayNumber);
        }
        return dayNumber <= tableLastDay + 1
            ? rankAt[dayNumber - tableFirstDay]
            : PlainWeekdaysBefore(dayNumber) + rankShiftAfterTable;
    }

    /// <summary>The working day with the given rank, or −1 when it would fall after 9999-12-31.</summary>
    public int WorkingDayWithRank(long rank)
    {
        int firstRankInTable = rankAt[0];
        long dayNumber;
        if (rank < firstRankInTable)
        {
            dayNumber = PlainWeekdayWithRank(rank);
        }
        else if (rank < rankAt[^1])
        {
            return workingDaysInTable[rank - firstRankInTable];
        }
        else
        {
            dayNumber = PlainWeekdayWithRank(rank - rankShiftAfterTable);
        }
        return dayNumber <= LastDayNumber ? (int)dayNumber : -1;
    }

    private static int PlainWeekdaysBefore(int dayNumber) =>
        dayNumber / DaysPerWeek * WorkingDaysPerPlainWeek + Math.Min(dayNumber % DaysPerWeek, WorkingDaysPerPlainWeek);

    private static long PlainWeekdayWithRank(long rank) =>
        rank / WorkingDaysPerPlainWeek * DaysPerWeek + rank % WorkingDaysPerPlainWeek;
}
