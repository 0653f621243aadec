#!/usr/bin/env python3
"""Deterministic generator for the blind12 datasets (standard library only)."""
import csv
import datetime as dt
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def clip(v, lo, hi):
    return max(lo, min(hi, v))


# ---------------------------------------------------------------- transport
def taxi_rides():
    r = random.Random(1201)
    boroughs = ["Central", "North", "South", "East", "West"]
    vtypes = ["sedan", "minivan", "EV"]
    rows = []
    start = dt.date(2024, 3, 1)
    for i in range(320):
        d = start + dt.timedelta(days=r.randrange(0, 92))
        b = r.choices(boroughs, weights=[30, 20, 18, 16, 16])[0]
        v = r.choices(vtypes, weights=[55, 20, 25])[0]
        airport = "Y" if r.random() < 0.12 else "N"
        night = 1 if r.random() < 0.3 else 0
        dist = r.lognormvariate(1.3, 0.55) + (14 if airport == "Y" else 0)
        speed = r.gauss(26 if b != "Central" else 17, 4) + (6 if night else 0)
        dur = dist / clip(speed, 8, 50) * 60 + r.uniform(1, 4)
        fare = 3.2 + 1.55 * dist + 0.32 * dur + (4 if night else 0) + r.gauss(0, 1.2)
        if v == "minivan":
            fare *= 1.18
        pay = "card" if r.random() < 0.72 else "cash"
        tip = 0.0
        if pay == "card":
            tip = max(0.0, fare * r.gauss(0.14, 0.05))
        elif r.random() < 0.35:
            tip = round(r.choice([1, 2, 2, 5]), 2)
        pax = r.choices([1, 2, 3, 4], weights=[60, 25, 9, 6])[0]
        rating = clip(round(r.gauss(4.62 if v != "EV" else 4.75, 0.22), 2), 3.2, 5.0)
        rows.append([f"R{10000 + i}", d.isoformat(), b, v, pay, round(dist, 2), round(dur, 1),
                     round(fare, 2), round(tip, 2), pax, night, rating, airport])
    write("taxi_rides", ["ride_id", "pickup_date", "borough", "vehicle_type", "payment",
                         "distance_km", "duration_min", "fare_usd", "tip_usd", "passengers",
                         "night_shift", "driver_rating", "airport_trip"], rows)


# ---------------------------------------------------------------- sport
def padel_matches():
    r = random.Random(1202)
    divs = ["A", "B", "C", "D"]
    rows = []
    for i in range(168):
        div = r.choices(divs, weights=[20, 30, 30, 20])[0]
        lvl = {"A": 3, "B": 2, "C": 1, "D": 0}[div]
        sex = r.choice([1, 2])
        hand = "L" if r.random() < 0.14 else "R"
        age = int(clip(r.gauss(34, 9), 17, 63))
        coached = "Yes" if r.random() < 0.4 + 0.08 * lvl else "No"
        serve = r.gauss(92 + 7 * lvl + (9 if sex == 1 else 0) - 0.25 * (age - 34), 7)
        first = clip(r.gauss(58 + 3 * lvl + (4 if coached == "Yes" else 0), 7), 30, 90)
        ue = max(0, int(r.gauss(24 - 2.5 * lvl - (3 if coached == "Yes" else 0), 5)))
        winners = max(0, int(r.gauss(12 + 2 * lvl + 0.08 * (serve - 100), 4)))
        played = r.randint(8, 18)
        won = int(clip(round(played * clip(0.5 + 0.02 * (winners - ue) + r.gauss(0, 0.12), 0, 1)), 0, played))
        pts_start = int(clip(r.gauss(400 + 260 * lvl, 90), 50, 1500))
        pts_end = int(clip(pts_start + r.gauss(25 + 4 * (won - played / 2) + (20 if coached == "Yes" else 0), 45), 0, 1800))
        rows.append([f"P{i + 1:03d}", div, hand, sex, age, coached, round(serve, 1), round(first, 1),
                     ue, winners, played, won, pts_start, pts_end])
    write("padel_matches", ["PlayerID", "Division", "Hand", "Sex", "Age", "Coached",
                            "ServeSpeed_kmh", "FirstServePct", "UnforcedErrors", "Winners",
                            "MatchesPlayed", "MatchesWon", "RankingPts_Start", "RankingPts_End"], rows)


# ---------------------------------------------------------------- farming
def sheep_flock():
    r = random.Random(1203)
    breeds = ["Merino", "Suffolk", "Texel", "Dorper"]
    farms = ["Hillside", "Riverbend", "Upland"]
    supp = ["none", "lupins", "pellets"]
    rows = []
    for i in range(144):
        br = r.choices(breeds, weights=[35, 25, 25, 15])[0]
        fm = r.choice(farms)
        yr = r.choice([2021, 2022, 2023])
        age = r.choices([2, 3, 4, 5, 6, 7], weights=[20, 22, 20, 16, 12, 10])[0]
        sp = r.choice(supp)
        base = {"Merino": 58, "Suffolk": 78, "Texel": 74, "Dorper": 66}[br]
        wt_mat = r.gauss(base + 1.2 * age - (3 if fm == "Upland" else 0), 6)
        boost = {"none": 0, "lupins": 2.5, "pellets": 3.5}[sp]
        lambs = r.choices([1, 2, 3], weights=[45, 45, 10] if br != "Merino" else [65, 32, 3])[0]
        wt_wean = wt_mat - 4.5 * lambs + boost + r.gauss(0, 3.5)
        fleece = r.gauss(5.2 if br == "Merino" else (3.0 if br != "Dorper" else 0.9), 0.6)
        micron = r.gauss(19 if br == "Merino" else (31 if br != "Dorper" else 35), 1.6)
        drench = 1 if r.random() < 0.55 else 0
        footrot = "yes" if r.random() < (0.12 + (0.15 if fm == "Riverbend" else 0) - (0.06 if drench else 0)) else "no"
        rows.append([f"UK{700000 + r.randrange(10000, 99999)}", br, fm, yr, age, round(wt_mat, 1),
                     round(wt_wean, 1), lambs, round(max(0.3, fleece), 2), round(micron, 1),
                     drench, footrot, sp])
    write("sheep_flock", ["tag_no", "breed", "farm", "lambing_year", "ewe_age_yrs", "wt_at_mating_kg",
                          "wt_at_weaning_kg", "lambs_born", "fleece_wt_kg", "fibre_diam_micron",
                          "drenched", "footrot", "supplement"], rows)


def greenhouse_peppers():
    r = random.Random(1204)
    varieties = ["Bell", "Cayenne", "Habanero"]
    rows = []
    k = 0
    for bench in (1, 2, 3, 4):
        for var in varieties:
            for n_ppm in (100, 150, 200):
                for rep in range(4):
                    k += 1
                    light = "LED" if bench in (1, 3) else "HPS"
                    irr = "drip" if (rep % 2 == 0) else "ebb-flow"
                    h2 = r.gauss(14 + (2 if light == "LED" else 0), 2.2)
                    h6 = h2 + r.gauss(28 + 0.05 * (n_ppm - 100) + (3 if var == "Bell" else 0), 4)
                    spad = r.gauss(38 + 0.06 * (n_ppm - 100), 3.5)
                    fruits = max(0, int(r.gauss({"Bell": 9, "Cayenne": 26, "Habanero": 34}[var]
                                                + 0.03 * (n_ppm - 100) * (2 if var != "Bell" else 1), 5)))
                    fw = r.gauss({"Bell": 165, "Cayenne": 18, "Habanero": 9}[var], {"Bell": 25, "Cayenne": 4, "Habanero": 2}[var])
                    brix = r.gauss({"Bell": 6.5, "Cayenne": 8.0, "Habanero": 9.2}[var] + (0.4 if light == "LED" else 0), 0.7)
                    aph = "present" if r.random() < (0.35 if irr == "ebb-flow" else 0.2) else "absent"
                    rows.append([f"GH-{k:03d}", bench, var, light, n_ppm, irr, round(h2, 1), round(h6, 1),
                                 fruits, round(max(3, fw), 1), round(brix, 2), round(spad, 1), aph])
    write("greenhouse_peppers", ["plot", "bench", "variety", "light", "nitrogen_ppm", "irrigation",
                                 "height_wk2_cm", "height_wk6_cm", "fruits_per_plant", "fruit_wt_g",
                                 "brix", "leaf_chlorophyll_spad", "aphids"], rows)


# ---------------------------------------------------------------- retail
def grocery_baskets():
    r = random.Random(1205)
    stores = ["Downtown", "Mall", "Suburb"]
    rows = []
    for i in range(380):
        st = r.choices(stores, weights=[35, 30, 35])[0]
        weekend = "Y" if r.random() < 2 / 7 + 0.1 else "N"
        loyal = "Yes" if r.random() < 0.45 else "No"
        channel = "Click&Collect" if r.random() < (0.18 if st != "Suburb" else 0.3) else "In-store"
        age = int(clip(r.gauss(44, 15), 18, 88))
        items = max(1, int(r.lognormvariate(2.4 + (0.25 if weekend == "Y" else 0) + (0.2 if st == "Suburb" else 0), 0.6)))
        value = items * r.gauss(3.1, 0.7) + r.gauss(0, 2)
        value = max(0.8, value)
        disc = value * (r.uniform(0.02, 0.12) if loyal == "Yes" else r.uniform(0, 0.03))
        checkout = max(20, 35 + 6.5 * items * (0.0 if channel == "Click&Collect" else 1) + r.gauss(0, 25)
                       + (0.3 * (age - 44) if channel == "In-store" else 0))
        pay = r.choices(["Card", "Cash", "Mobile"], weights=[50, 18 + (10 if age > 60 else 0), 32 - (15 if age > 60 else 0)])[0]
        sat = int(clip(round(r.gauss(7.3 - 0.004 * (checkout - 100) + (0.4 if loyal == "Yes" else 0), 1.5)), 1, 10))
        rows.append([f"B{50000 + i}", st, weekend, loyal, channel, items, round(value, 2), round(disc, 2),
                     int(checkout), age, pay, sat])
    write("grocery_baskets", ["Basket ID", "Store", "Weekend", "Loyalty Member", "Channel", "Items",
                              "Basket Value (€)", "Discount (€)", "Checkout Time (s)", "Customer Age",
                              "Payment Method", "Satisfaction (1-10)"], rows)


# ---------------------------------------------------------------- hospitality
def hostel_reviews():
    r = random.Random(1206)
    hostels = ["Harbour", "Old Town", "Station", "Beach", "Hilltop"]
    ttypes = ["solo", "couple", "group", "family"]
    rows = []
    for i in range(260):
        h = r.choice(hostels)
        room = "private" if r.random() < 0.35 else "dorm"
        tt = r.choices(ttypes, weights=[45, 25, 20, 10])[0]
        if tt == "family":
            room = "private"
        nights = r.choices([1, 2, 3, 4, 5, 6, 7], weights=[20, 28, 22, 12, 8, 5, 5])[0]
        yr = r.choice([2023, 2024])
        hbase = {"Harbour": 34, "Old Town": 38, "Station": 27, "Beach": 42, "Hilltop": 24}[h]
        price = hbase * (2.3 if room == "private" else 1) * (1.06 if yr == 2024 else 1) * r.uniform(0.85, 1.2)
        clean = clip(r.gauss({"Harbour": 8.4, "Old Town": 8.0, "Station": 7.1, "Beach": 8.2, "Hilltop": 8.6}[h], 1.1), 1.0, 10.0)
        staff = clip(r.gauss(8.3 + (0.3 if tt == "solo" else 0), 1.2), 1.0, 10.0)
        loc = clip(r.gauss({"Harbour": 8.8, "Old Town": 9.3, "Station": 8.9, "Beach": 8.5, "Hilltop": 6.9}[h], 0.8), 1.0, 10.0)
        overall = clip(0.35 * clean + 0.3 * staff + 0.25 * loc + 0.8 - 0.01 * (price - 40) + r.gauss(0, 0.6), 1.0, 10.0)
        via = "direct" if r.random() < 0.3 else "OTA"
        rlen = int(max(3, r.lognormvariate(3.6 + (0.3 if overall < 7 else 0), 0.7)))
        rows.append([f"HR-{yr}-{i + 1:04d}", h, room, tt, nights, round(price, 2), round(clean, 1),
                     round(staff, 1), round(loc, 1), round(overall, 1), via, rlen, yr])
    write("hostel_reviews", ["review_id", "hostel", "room_type", "traveller_type", "nights",
                             "price_per_night_eur", "cleanliness", "staff", "location_score",
                             "overall_score", "booked_via", "review_len_words", "stay_year"], rows)


# ---------------------------------------------------------------- media
def video_uploads():
    r = random.Random(1207)
    cats = ["Tutorial", "Vlog", "Review", "Shorts"]
    rows = []
    start = dt.date(2023, 1, 2)
    for i in range(210):
        d = start + dt.timedelta(days=r.randrange(0, 540))
        cat = r.choices(cats, weights=[30, 25, 25, 20])[0]
        thumb = r.choice(["A", "B"])
        tier = r.choices(["small", "mid", "large"], weights=[50, 35, 15])[0]
        caps = 1 if r.random() < 0.5 else 0
        length = int(r.gauss(45, 12)) if cat == "Shorts" else int(clip(r.lognormvariate(6.4, 0.45), 120, 3600))
        ctr = clip(r.gauss(4.5 + (0.7 if thumb == "B" else 0) + {"small": 0, "mid": 0.5, "large": 1.2}[tier], 1.3), 0.5, 15)
        views = int(r.lognormvariate(7.5 + {"small": 0, "mid": 1.2, "large": 2.4}[tier] + 0.12 * ctr, 0.8))
        likes = int(views * clip(r.gauss(0.04, 0.012), 0.005, 0.12))
        comments = int(likes * clip(r.gauss(0.08, 0.03), 0.0, 0.3))
        w1 = clip(r.gauss(88 if cat == "Shorts" else 48 - 0.006 * (length - 600) + (3 if caps else 0), 9), 5.0, 100.0)
        w4 = clip(w1 - r.gauss(3.0, 3.5), 3.0, 100.0)
        subs = max(0, int(views * clip(r.gauss(0.004, 0.002), 0, 0.02)))
        rows.append([f"vid_{i + 1:04d}", d.isoformat(), cat, thumb, tier, caps, length, views, likes,
                     comments, round(ctr, 2), round(w1, 1), round(w4, 1), subs])
    write("video_uploads", ["video_id", "upload_date", "category", "thumbnail_test", "creator_tier",
                            "has_captions", "length_sec", "views_7d", "likes_7d", "comments_7d",
                            "ctr_pct", "avg_watch_pct_wk1", "avg_watch_pct_wk4", "subs_gained"], rows)


# ---------------------------------------------------------------- public services
def passport_office():
    r = random.Random(1208)
    offices = ["Central", "Northgate", "Riverside", "Airport"]
    types = ["new", "renewal", "child"]
    rows = []
    start = dt.date(2024, 1, 8)
    for i in range(200):
        d = start + dt.timedelta(days=r.randrange(0, 180))
        off = r.choices(offices, weights=[35, 25, 25, 15])[0]
        ty = r.choices(types, weights=[30, 50, 20])[0]
        ch = "online" if r.random() < 0.6 else "paper"
        age = r.randint(0, 15) if ty == "child" else int(clip(r.gauss(42, 16), 16, 90))
        fast = 1 if r.random() < 0.15 else 0
        wait = max(2, r.gauss({"Central": 38, "Northgate": 27, "Riverside": 30, "Airport": 21}[off], 12)
                   * (0.6 if ch == "online" else 1))
        errors = r.choices([0, 1, 2, 3], weights=([70, 20, 7, 3] if ch == "online" else [45, 30, 15, 10]))[0]
        days = max(1, r.gauss(4 if fast else (21 + (6 if ty == "new" else 0)), 2 if fast else 6) + 3.5 * errors)
        fee = {"new": 88.5, "renewal": 88.5, "child": 57.5}[ty] + (89.0 if fast else 0) - (13.5 if ch == "online" and not fast else 0)
        first_ok = "N" if r.random() < 0.05 + 0.2 * errors else "Y"
        sat = int(clip(round(r.gauss(4.1 - 0.02 * (wait - 25) - 0.03 * (days - 21), 0.8)), 1, 5))
        rows.append([f"{240000 + i * 7 + r.randrange(7)}", d.isoformat(), off, ty, ch, age,
                     round(wait, 1), round(days, 1), round(fee, 2), errors, first_ok, fast, sat])
    write("passport_office", ["app_no", "submitted", "office", "application_type", "channel",
                              "applicant_age", "wait_min", "processing_days", "fee_gbp",
                              "errors_on_form", "approved_first_time", "fast_track", "satisfaction"], rows)


if __name__ == "__main__":
    for fn in (taxi_rides, padel_matches, sheep_flock, greenhouse_peppers, grocery_baskets,
               hostel_reviews, video_uploads, passport_office):
        fn()
    print("wrote", sorted(os.listdir(OUT)))
