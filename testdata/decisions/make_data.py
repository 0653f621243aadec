#!/usr/bin/python3
"""Regenerate the datasets of the decision corpus (testdata/decisions/data/*.csv).

Deterministic: standard library only, one random.Random(seed) per dataset, fixed-decimal
text. Run from anywhere:  /usr/bin/python3 testdata/decisions/make_data.py
Then validate the corpus: /usr/bin/python3 testdata/decisions/check_corpus.py
"""
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def f1(x):
    return "%.1f" % x


def f2(x):
    return "%.2f" % x


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def crops():
    r = random.Random(101)
    rows = []
    for i in range(40):
        fert = "new" if i % 2 else "old"
        rain = r.gauss(620, 80)
        ph = r.gauss(6.5, 0.4)
        y = 3150 + (260 if fert == "new" else 0) + 1.1 * (rain - 620) + r.gauss(0, 210)
        rows.append(["F%03d" % (i + 1), fert, f1(y), f1(rain), f2(ph)])
    write("crops.csv", ["field_id", "fertiliser", "yield_kg", "rainfall_mm", "soil_ph"], rows)


def sleep():
    r = random.Random(202)
    rows = []
    shifts = ["day", "night", "rotating"]
    for i in range(54):
        s = shifts[i % 3]
        age = r.randint(21, 63)
        hours = r.gauss({"day": 7.2, "night": 6.1, "rotating": 6.5}[s], 0.8) - 0.01 * (age - 40)
        q = clamp(round(r.gauss(4 + 0.7 * hours, 1.3)), 1, 10)
        caf = max(0, round(r.gauss({"day": 180, "night": 290, "rotating": 240}[s], 70)))
        rows.append(["P%02d" % (i + 1), s, q, f1(hours), age, caf])
    write("sleep.csv", ["participant", "shift", "sleep_quality", "hours_slept", "age", "caffeine_mg"], rows)


def bp_trial():
    r = random.Random(303)
    rows = []
    for i in range(32):
        before = round(r.gauss(148, 12))
        dose = [10, 20, 40][i % 3]
        after = round(before - 4 - 0.15 * dose + r.gauss(0, 6))
        sex = "F" if r.random() < 0.5 else "M"
        rows.append([1001 + i, sex, dose, before, after])
    write("bp_trial.csv", ["patient_id", "sex", "dose_mg", "bp_before", "bp_after"], rows)


def houses():
    r = random.Random(404)
    rows = []
    regions = ["north", "south", "east", "west"]
    for i in range(60):
        reg = regions[r.randrange(4)]
        area = clamp(r.gauss(125, 35), 45, 260)
        age = r.randint(0, 95)
        beds = clamp(int(round(area / 38 + r.gauss(0, 0.6))), 1, 6)
        garage = "yes" if r.random() < 0.55 else "no"
        price = (60000 + 2100 * area - 650 * age + {"north": 0, "south": 35000, "east": 12000, "west": 22000}[reg]
                 + (14000 if garage == "yes" else 0) + r.gauss(0, 28000))
        rows.append(["H%03d" % (i + 1), round(price, -2).__int__(), f1(area), age, beds, reg, garage])
    write("houses.csv", ["house_id", "price", "floor.area", "age", "bedrooms", "region", "garage"], rows)


def students():
    r = random.Random(505)
    rows = []
    for i in range(66):
        school = "ABC"[i % 3]
        hrs = clamp(r.gauss(11, 4.5), 0.5, 25)
        att = clamp(r.gauss(88, 7), 55, 100)
        score = clamp(38 + 1.9 * hrs + 0.18 * (att - 88) + {"A": 0, "B": 3, "C": -2}[school] + r.gauss(0, 7), 0, 100)
        rows.append(["S%03d" % (i + 1), "School " + school, f1(hrs), f1(att), round(score)])
    write("students.csv", ["student_id", "school", "hours_studied", "attendance_pct", "exam_score"], rows)


def delivery():
    r = random.Random(606)
    rows = []
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    for i in range(50):
        courier = "QuickPost" if r.random() < 0.5 else "FastShip"
        d = clamp(r.expovariate(1 / 9.0), 0.4, 45)
        t = 14 + 2.6 * d + (5 if courier == "QuickPost" else 0) + r.expovariate(1 / 6.0)
        rows.append(["ORD-%04d" % (5001 + i), courier, days[i % 6], f2(d), f1(t)])
    write("delivery.csv", ["order_id", "courier", "weekday", "distance_km", "delivery_time"], rows)


def coffee():
    r = random.Random(707)
    rows = []
    for i in range(45):
        sex = i % 2
        cups = min(8, int(r.expovariate(1 / 2.2)))
        age = r.randint(19, 70)
        hr = round(64 + 2.3 * cups + 4 * sex + 0.05 * (age - 40) + r.gauss(0, 6))
        rows.append([i + 1, sex, age, cups, hr])
    write("coffee.csv", ["id", "sex", "age", "cups_per_day", "heart_rate"], rows)


def plants():
    r = random.Random(808)
    rows = []
    species = ["fern", "ivy", "monstera"]
    for i in range(48):
        sp = species[i % 3]
        temp = round(r.uniform(14, 31), 1)
        light = ["low", "high"][r.randrange(2)]
        mass = clamp(r.gauss({"fern": 42, "ivy": 35, "monstera": 60}[sp] + 0.9 * (temp - 22)
                             + (6 if light == "high" else 0), 7), 8, 120)
        width = clamp(0.08 * mass + r.gauss(0, 0.6), 0.5, 12)
        rows.append([i + 1, sp, f1(temp), light, f1(mass), f2(width)])
    write("plants.csv", ["Plant ID", "species", "Temp", "Light Level", "Body.Mass", "Leaf Width (cm)"], rows)


def survey():
    r = random.Random(909)
    rows = []
    for i in range(60):
        g = 1 + i % 3
        base = {1: 3.4, 2: 3.0, 3: 3.9}[g]
        qs = [clamp(int(round(r.gauss(base + d, 0.9))), 1, 5) for d in (0.0, -0.2, 0.3, 0.1, -0.4)]
        overall = round(sum(qs) / 5 * 20 + r.gauss(0, 4))
        rows.append([i + 1, g] + qs + [overall])
    write("survey.csv", ["respondent", "group", "q1_staff_friendly", "q2_wait_time", "q3_cleanliness",
                         "q4_value", "q5_recommend", "overall_score"], rows)


def city_health():
    r = random.Random(1010)
    zones = ["temperate", "arid", "tropical"]
    header = ["city", "country_code", "climate_zone", "coastal", "population_k", "pop_density",
              "median_income", "gdp_per_capita", "unemployment_rate", "pm25", "no2", "green_space_pct",
              "avg_temp", "annual_rain_mm", "obesity_rate", "smoking_rate", "life_expectancy",
              "infant_mortality", "doctors_per_1k", "hospital_beds_per_1k", "commute_min",
              "transit_score", "bike_lanes_km", "crime_rate", "education_years", "internet_pct",
              "median_age", "elderly_pct", "alcohol_litres", "noise_db"]
    rows = []
    for i in range(36):
        z = zones[i % 3]
        gdp = r.lognormvariate(math.log(32000), 0.45)
        pm = clamp(r.gauss(18, 7) - 0.00015 * (gdp - 32000), 3, 60)
        smoke = clamp(r.gauss(19, 5), 6, 35)
        life = 79 + 2.2 * math.log(gdp / 32000) - 0.08 * (pm - 18) - 0.12 * (smoke - 19) + r.gauss(0, 1.2)
        pop = round(r.lognormvariate(math.log(900), 0.8))
        row = ["City%02d" % (i + 1), ["DE", "FR", "ES", "IT", "PL", "NL"][i % 6], z,
               "yes" if r.random() < 0.4 else "no", pop, round(r.gauss(3500, 1200)),
               round(gdp * 0.55 + r.gauss(0, 2500)), round(gdp), f1(clamp(r.gauss(7, 3), 2, 20)),
               f1(pm), f1(clamp(pm * 1.3 + r.gauss(0, 5), 5, 80)), f1(clamp(r.gauss(22, 8), 3, 50)),
               f1({"temperate": 10.5, "arid": 18.5, "tropical": 25.0}[z] + r.gauss(0, 2)),
               round(clamp(r.gauss({"temperate": 750, "arid": 250, "tropical": 1800}[z], 150), 80, 3000)),
               f1(clamp(r.gauss(20, 5), 8, 38)), f1(smoke), f1(life), f2(clamp(r.gauss(4, 1.2), 1.5, 9)),
               f2(clamp(r.gauss(3.8, 0.9), 1.5, 7)), f1(clamp(r.gauss(5, 1.5), 1.5, 9)),
               round(clamp(r.gauss(28, 7), 12, 55)), round(clamp(r.gauss(60, 15), 15, 98)),
               round(clamp(r.gauss(180, 90), 5, 600)), f1(clamp(r.gauss(45, 15), 10, 100)),
               f1(clamp(r.gauss(12.5, 1.2), 9, 16)), round(clamp(r.gauss(88, 6), 65, 99)),
               f1(clamp(r.gauss(41, 3), 33, 49)), f1(clamp(r.gauss(19, 4), 10, 29)),
               f1(clamp(r.gauss(9.5, 2.5), 2, 15)), f1(clamp(r.gauss(62, 5), 50, 78))]
        rows.append(row)
    assert len(header) == 30 and all(len(x) == 30 for x in rows)
    write("city_health.csv", header, rows)


def customers():
    r = random.Random(1111)
    rows = []
    segs = ["bronze", "silver", "gold"]
    for i in range(70):
        seg = segs[min(2, int(r.expovariate(1.2)))]
        tenure = r.randint(1, 96)
        orders = max(1, int(r.gauss(4 + 0.12 * tenure + 3 * segs.index(seg), 3)))
        spend = orders * r.gauss(38 + 10 * segs.index(seg), 6)
        rows.append(["C%05d" % r.randint(10000, 99999), 40000000 + r.randint(0, 9999999),
                     "%05d" % r.choice([10115, 20095, 50667, 60311, 80331, 1067, 4109, 28195]),
                     2016 + min(8, tenure // 12), seg, tenure, orders, f2(spend)])
    write("customers.csv", ["customer_id", "account_number", "zip_code", "signup_year", "segment",
                            "tenure_months", "orders", "total_spend"], rows)


def icu_vitals():
    r = random.Random(1212)
    rows = []
    for i in range(42):
        trt = "drug" if i % 2 else "placebo"
        conc = clamp(r.lognormvariate(math.log(2.4), 0.5), 0.2, 12) if trt == "drug" else clamp(r.gauss(0.1, 0.05), 0, 0.3)
        temp = r.gauss(38.2 - 0.25 * conc, 0.45)
        rr = round(clamp(r.gauss(20 + 1.6 * (temp - 37.5), 3), 10, 34))
        hr = round(r.gauss(88 + 6 * (temp - 37.5), 9))
        spo2 = round(clamp(r.gauss(95 - 0.3 * (rr - 18), 1.5), 85, 100))
        rows.append(["subj%02d" % (i + 1), trt, f2(conc), f1(temp), rr, hr, spo2])
    write("icu_vitals.csv", ["subj", "trt", "conc", "temp", "resp_rate", "hr", "spo2"], rows)


def runners():
    r = random.Random(1313)
    rows = []
    for i in range(28):
        shoe = "cushioned" if i % 2 else "minimal"
        w1 = r.gauss(27.5, 3.2)
        w8 = w1 - r.gauss(1.1, 0.9)
        rows.append(["R%02d" % (i + 1), shoe, r.randint(1, 5), f2(w1), f2(w8)])
    write("runners.csv", ["runner", "shoe", "training_days", "time_week1", "time_week8"], rows)


def main():
    for fn in (crops, sleep, bp_trial, houses, students, delivery, coffee, plants, survey,
               city_health, customers, icu_vitals, runners):
        fn()
    print("datasets written to", OUT)


if __name__ == "__main__":
    main()
