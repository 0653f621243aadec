#!/usr/bin/env python3
"""Deterministic generator for the blind13 datasets (standard library only)."""
import csv
import datetime as dt
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def pois(r, lam):
    # Knuth's algorithm (small lambda)
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= r.random()
        if p <= L:
            return k
        k += 1


# 1. medicine: migraine prevention trial
def migraine_trial():
    r = random.Random(1301)
    sites = ["Leeds", "Bristol", "Glasgow", "Cardiff"]
    start = dt.date(2022, 3, 1)
    rows = []
    for i in range(160):
        arm = "topiramate" if i % 2 else "placebo"
        dose = 0 if arm == "placebo" else r.choice([50, 100])
        sex = 1 if r.random() < 0.72 else 0
        age = int(clip(r.gauss(39, 11), 18, 68))
        bmi = round(clip(r.gauss(26.5, 4.5), 17.5, 44), 1)
        site = r.choice(sites)
        base = int(clip(round(r.gauss(11, 3)), 5, 22))
        eff = {0: 0.0, 50: 2.5, 100: 3.8}[dose]
        wk12 = int(clip(round(base - 1.2 - eff + r.gauss(0, 2.4)), 0, 25))
        pain = round(clip(35 + 2.2 * wk12 + (4 if site == "Glasgow" else 0) + 3 * sex + r.gauss(0, 11), 0, 100), 1)
        aura = "yes" if r.random() < 0.33 else "no"
        p_naus = 0.25 + (0.15 if aura == "yes" else 0) + (0.12 if arm == "topiramate" else 0)
        naus = "yes" if r.random() < p_naus else "no"
        date = start + dt.timedelta(days=r.randint(0, 420))
        rows.append([f"MT-{i + 1:03d}", arm, sex, age, bmi, site, base, wk12, pain, aura, naus, dose, date.isoformat()])
    write("migraine_trial", ["patient_id", "arm", "sex", "age_yrs", "BMI", "site", "attacks_baseline",
                             "attacks_wk12", "Pain Score", "aura", "nausea_reported", "dose_mg", "enrol_date"], rows)


# 2. education: lecture recordings and grades
def lecture_recordings():
    r = random.Random(1302)
    fac = ["Arts", "Science", "Engineering", "Business"]
    dev = ["laptop", "phone", "tablet"]
    rows = []
    for i in range(220):
        f = r.choice(fac)
        yr = r.choice([1, 2, 3])
        g = r.choice(["F", "M"])
        att = round(clip(r.gauss(74, 15), 15, 100), 1)
        hrs = round(clip(r.gauss(18, 7) + (3 if f == "Engineering" else 0) - 0.05 * (att - 74), 0, 45), 1)
        q1 = int(clip(round(r.gauss(12, 3.5)), 0, 20))
        q2 = int(clip(round(q1 + r.gauss(1.0, 2.5)), 0, 20))
        grade = round(clip(25 + 0.3 * att + 0.45 * hrs + 1.1 * q2 + {"Arts": 2, "Science": 0, "Engineering": -3, "Business": 1}[f]
                           + r.gauss(0, 8), 0, 100), 1)
        passed = "Y" if grade >= 50 else "N"
        sch = 1 if r.random() < 0.22 else 0
        d = r.choices(dev, weights=[6, 3, 1])[0]
        rows.append([20230001 + i, f, yr, g, hrs, att, q1, q2, grade, passed, sch, d])
    write("lecture_recordings", ["student_no", "Faculty", "year_of_study", "gender", "HoursWatched", "attendance_pct",
                                 "quiz1", "quiz2", "Final Grade %", "passed", "scholarship", "device"], rows)


# 3. manufacturing: SMT reflow soldering
def solder_reflow():
    r = random.Random(1303)
    start = dt.date(2024, 1, 8)
    rows = []
    for i in range(300):
        line = "L1" if r.random() < 0.5 else "L2"
        shift = r.choice(["day", "night", "swing"])
        peak = round(r.gauss(245 if line == "L1" else 247, 2.5 if line == "L1" else 3.6), 1)
        conv = round(clip(r.gauss(16, 1.5), 11, 21), 2)
        paste = "Alpha" if r.random() < 0.55 else "Kester"
        voidp = round(r.expovariate(1 / (6 + 0.35 * (peak - 245) + (1.5 if paste == "Kester" else 0)
                                         + (2 if shift == "night" else 0))), 2)
        exp_y = round(clip(r.gauss(5, 3), 0.2, 18), 1)
        lam = clip(0.9 + 0.08 * voidp - 0.06 * exp_y + (0.3 if shift == "night" else 0), 0.1, 6)
        defects = pois(r, lam)
        p_fail = clip(0.08 + 0.05 * defects + (0.05 if paste == "Kester" else 0), 0, 0.9)
        aoi = "fail" if r.random() < p_fail else "pass"
        rework = 1 if (aoi == "fail" and r.random() < 0.8) or (aoi == "pass" and r.random() < 0.04) else 0
        date = start + dt.timedelta(days=i // 6)
        rows.append([f"B{i + 1:05d}", date.isoformat(), line, shift, peak, conv, paste, voidp, defects, exp_y, aoi, rework])
    write("solder_reflow", ["board_id", "run_date", "line", "shift", "oven_peak_C", "conveyor_mm_s", "paste_supplier",
                            "void_pct", "defects", "operator_exp_yrs", "aoi_result", "rework"], rows)


# 4. environment: stream macroinvertebrate survey
def stream_invertebrates():
    r = random.Random(1304)
    rows = []
    for i in range(96):
        lu = ["forest", "agricultural", "urban"][i % 3]
        season = r.choice(["spring", "autumn"])
        yr = r.choice([2021, 2022, 2023])
        canopy = round(clip(r.gauss({"forest": 75, "agricultural": 35, "urban": 25}[lu], 15), 0, 100), 0)
        temp = round(clip(r.gauss(14 if season == "spring" else 11, 2) - 0.03 * (canopy - 45), 4, 22), 1)
        do = round(clip(r.gauss(13.5 - 0.3 * temp - (1.2 if lu == "urban" else 0), 0.9), 3, 14), 2)
        ph = round(r.gauss(7.2, 0.35), 2)
        nit = round(r.lognormvariate(math.log({"forest": 0.6, "agricultural": 3.2, "urban": 1.9}[lu]), 0.5), 2)
        ept = max(0, int(round(r.gauss(16 - 1.6 * nit + 0.9 * (do - 9) + (-1 if yr == 2023 else 0), 3))))
        abund = int(r.lognormvariate(math.log(300 + 15 * ept), 0.45))
        fish = "yes" if r.random() < {"forest": 0.8, "agricultural": 0.6, "urban": 0.4}[lu] else "no"
        rows.append([f"S{i + 1:03d}", yr, season, lu, temp, do, ph, nit, canopy, ept, abund, fish])
    write("stream_invertebrates", ["site_code", "survey_year", "season", "land_use", "water_temp_C", "DO_mg_L", "pH",
                                   "nitrate_mgL", "canopy_cover_pct", "EPT_richness", "total_abundance",
                                   "fish_present"], rows)


# 5. finance: SME invoice payments
def invoice_payments():
    r = random.Random(1305)
    sectors = ["Retail", "Construction", "Services", "Manufacturing", "Hospitality"]
    start = dt.date(2023, 1, 2)
    rows = []
    for i in range(250):
        sec = r.choice(sectors)
        reg = r.choice(["North", "Midlands", "South"])
        amt = round(r.lognormvariate(math.log(2400), 0.9), 2)
        disc = 1 if r.random() < 0.35 else 0
        cs = int(clip(r.gauss(640, 80), 350, 850))
        age = round(clip(r.lognormvariate(math.log(9), 0.7), 0.5, 60), 1)
        days = int(clip(round(r.gauss(38 - 0.04 * (cs - 640) - 6 * disc - 0.2 * age
                                      + {"Retail": 0, "Construction": 9, "Services": 2, "Manufacturing": 4,
                                         "Hospitality": 6}[sec], 11 if disc == 0 else 8)), 1, 120))
        late = "Yes" if days > 30 else "No"
        rem = min(4, pois(r, clip(0.3 + (days - 30) / 15, 0.05, 4)))
        pm = r.choices(["transfer", "card", "direct debit"], weights=[6, 2, 2])[0]
        date = start + dt.timedelta(days=r.randint(0, 540))
        rows.append([f"INV-{10001 + i}", date.isoformat(), sec, reg, amt, days, disc, late, cs, age, rem, pm])
    write("invoice_payments", ["InvoiceNo", "IssueDate", "Sector", "Region", "AmountEUR", "DaysToPay",
                               "EarlyPayDiscount", "PaidLate", "CreditScore", "CompanyAgeYrs", "Reminders",
                               "PaymentMethod"], rows)


# 6. science lab: enzyme assays
def enzyme_assays():
    r = random.Random(1306)
    rows = []
    subs = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0]
    vmax = {"WT": 12.0, "K52A": 8.5, "D101N": 4.0}
    km = {"WT": 0.6, "K52A": 1.1, "D101N": 0.8}
    i = 0
    for var in ["WT", "K52A", "D101N"]:
        for buf in ["Tris", "HEPES"]:
            for t in [25, 30, 37]:
                for rep in range(4):
                    s = subs[(rep + t + len(buf)) % 6] if rep < 3 else r.choice(subs)
                    tf = {25: 0.8, 30: 1.0, 37: 1.25}[t]
                    v = vmax[var] * tf * (1.08 if buf == "HEPES" else 1) * s / (km[var] + s)
                    rate = round(max(0.05, v * (1 + r.gauss(0, 0.08 if buf == "Tris" else 0.14))), 3)
                    a0 = round(clip(r.gauss(0.05, 0.01), 0.01, 0.1), 3)
                    a10 = round(a0 + rate * 0.06 + r.gauss(0, 0.02), 3)
                    tech = r.choice(["AB", "CK", "LM"])
                    plate = (i // 18) + 1
                    cont = 1 if r.random() < (0.25 if tech == "LM" else 0.07) else 0
                    i += 1
                    rows.append([f"R{i:03d}", var, buf, t, s, rate, a0, a10, tech, plate, cont])
    write("enzyme_assays", ["run_id", "variant", "buffer", "temp_C", "substrate_mM", "rate_umol_min", "abs_t0",
                            "abs_t10", "technician", "plate", "batch_contaminated"], rows)


# 7. software: API request log
def api_requests():
    r = random.Random(1307)
    start = dt.datetime(2024, 5, 6, 0, 0, 0)
    rows = []
    for i in range(400):
        ts = start + dt.timedelta(seconds=r.randint(0, 7 * 86400))
        reg = r.choices(["us-east", "eu-west", "ap-south"], weights=[5, 3, 2])[0]
        meth = "GET" if r.random() < 0.7 else "POST"
        hit = 1 if (meth == "GET" and r.random() < 0.55) else 0
        kb = round(r.lognormvariate(math.log(12 if meth == "GET" else 40), 0.8), 1)
        dbq = 0 if hit else pois(r, 4 if meth == "GET" else 7)
        build = "v2.3" if ts < start + dt.timedelta(days=3, hours=12) else "v2.4"
        cpu = round(clip(r.gauss(62, 12) + 0.8 * dbq, 5, 100), 1)
        base = 25 if hit else 80
        lat = round(r.lognormvariate(math.log(base + 0.6 * kb + 9 * dbq + (20 if reg == "ap-south" else 0)
                                              + (12 if build == "v2.4" else 0)), 0.45), 1)
        p_err = 0.03 + (0.04 if meth == "POST" else 0) + (0.03 if build == "v2.4" else 0)
        status = "error" if r.random() < p_err else "ok"
        rid = "%08x" % r.getrandbits(32)
        rows.append([rid, ts.strftime("%Y-%m-%d %H:%M:%S"), reg, meth, hit, kb, lat, cpu, build, status, ts.hour, dbq])
    rows.sort(key=lambda x: x[1])
    write("api_requests", ["request_id", "timestamp", "region", "method", "cache_hit", "payload_kb", "latency_ms",
                           "cpu_pct", "build", "status", "hour", "db_queries"], rows)


# 8. software: pull requests / code review
def pull_requests():
    r = random.Random(1308)
    rows = []
    for i in range(180):
        team = r.choice(["payments", "search", "mobile", "infra"])
        lang = r.choices(["Python", "Go", "TypeScript"], weights=[4, 3, 3])[0]
        add = int(r.lognormvariate(math.log(120), 1.0)) + 1
        dele = int(add * r.uniform(0.05, 0.8))
        tests = "yes" if r.random() < 0.6 else "no"
        nrev = r.choices([1, 2, 3], weights=[5, 4, 1])[0]
        tenure = int(clip(r.lognormvariate(math.log(20), 0.8), 1, 120))
        ncom = pois(r, clip(1.5 + add / 150 + 0.8 * (nrev - 1), 0.2, 15))
        hrs = round(r.lognormvariate(math.log(3 + add / 80 + 1.5 * ncom + (4 if team == "infra" else 0)), 0.5), 1)
        merged = "yes" if r.random() < (0.9 if tests == "yes" else 0.75) else "no"
        ci = round(r.expovariate(1 / (9 if lang != "Go" else 5)) + 2, 1)
        bugs = pois(r, clip(0.2 + add / 500 - (0.25 if tests == "yes" else 0) - 0.004 * tenure, 0.02, 5))
        rows.append([4001 + i * 3 + r.randint(0, 2), team, lang, add, dele, hrs, ncom, nrev, tests, merged, tenure, ci,
                     bugs])
    write("pull_requests", ["pr_number", "team", "language", "lines_added", "lines_deleted", "review_hours",
                            "n_comments", "reviewers", "has_tests", "merged", "author_tenure_mo", "CI time (min)",
                            "bugs_30d"], rows)


if __name__ == "__main__":
    for fn in [migraine_trial, lecture_recordings, solder_reflow, stream_invertebrates, invoice_payments,
               enzyme_assays, api_requests, pull_requests]:
        fn()
    print("wrote 8 datasets to", OUT)
