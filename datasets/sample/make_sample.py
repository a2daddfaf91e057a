#!/usr/bin/env python3
"""Writes the bundled sample dataset: datasets/sample/{train,test}.csv.

Every text below was written by the MlNetAttention team for this project; none is copied from a
public dataset. The labels follow the AG News layout (World, Sports, Business, Sci/Tech) so the
sample exercises the same code paths as ../shared/datasets/ag_news, but people, places, teams
and companies are invented.

Each class block holds exactly 160 texts, one per line. The split is deterministic: each class is
shuffled with SEED and its first 40 texts go to test, the other 120 to train; then each file's
rows are shuffled with SEED so classes are interleaved. Output is UTF-8, header `label,text`,
RFC 4180 (CRLF line ends; a field is quoted when it holds a comma, a quote or a line break, and
inner quotes are doubled), the same layout as the standard datasets.

Run:  /usr/bin/python3 datasets/sample/make_sample.py
The script checks what it wrote (parse, counts, uniqueness, lengths) and exits non-zero if a
check fails, so it is safe to rerun after editing the texts.
"""
import collections
import csv
import os
import random
import re
import sys

SEED = 20240611          # fixed so the files are byte-identical on every run
TEST_PER_CLASS = 40      # 40 test + 120 train per class
TRAIN_PER_CLASS = 120
MIN_WORDS, MAX_WORDS = 8, 30

HERE = os.path.dirname(os.path.abspath(__file__))


def _lines(block):
    """One text per non-empty line of an authored block (leading/trailing spaces removed)."""
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


WORLD = _lines("""
Voters in Arvenia returned to the polls on Sunday after last month's election produced no clear majority in the 200-seat parliament.
The foreign ministers of Belmora and Corvand met in a border town to discuss reopening crossings closed since the spring dispute.
Heavy monsoon rains flooded dozens of villages in northern Dravik, forcing thousands of families into temporary shelters run by the Red Cross.
Prime Minister Elena Marsh announced a cabinet reshuffle on Tuesday, replacing the interior and defence ministers after weeks of criticism. Both had faced calls to resign over a prison scandal.
Peace talks between the government of Estmere and rebel leaders resumed in Lindenhall, with mediators cautiously hopeful about a ceasefire by winter.
Protesters filled the central square of Velgrad for a third night, demanding the release of opposition politician Tomas Ravel.
A magnitude 6.4 earthquake struck the coastal province of Sardova early Friday, damaging homes and cutting power to several towns.
The Security Council voted to extend its peacekeeping mission in Uldovia for another twelve months. The mission, first sent in 2019, has 4,000 soldiers and police officers from eleven countries.
Kovaria expelled two diplomats from the Pravonian embassy, accusing them of activities "incompatible with their status."
Refugees fleeing fighting in the hills of eastern Morvath have crowded into camps along the Quellan frontier, aid agencies said.
President Aurelio Santé of Gallimar flew to Marisport for a two-day state visit focused on security cooperation and migration.
Opposition lawmakers walked out of the Halvenor assembly after the ruling coalition pushed through a bill extending the president's term.
Rescue teams searched through the night for survivors after a ferry carrying 300 passengers capsized off the island of Tessamar. At least 40 people are still missing.
Leaders of the six-nation Northern Council signed a treaty in Ostrehaven pledging joint patrols against smuggling in shared waters.
Istrella will hold a referendum in March on whether to abolish its upper house, the electoral commission confirmed. Polls suggest the result will be close.
Wildfires driven by strong winds have burned more than 40,000 hectares of forest in southern Lusandra, officials said.
The government of Nerevia declared three days of national mourning following the death of former president Ilse Varga, aged 91.
Soldiers and police were deployed in Tolvani after clashes between rival party supporters left several people injured.
Two aid workers abducted in western Zanthera last month have been freed unharmed, the foreign ministry in Brennick said.
Ambassadors from twelve countries gathered in Saint-Aubrel to prepare next week's summit on water rights along the Ravine River.
Rhovania's parliament approved a new constitution on Thursday, ending two years of debate over how much power the regions should hold.
Thousands marched peacefully through the capital of Veskar calling for cleaner elections and an independent electoral commission.
The defence minister of Falkreach resigned after a report found that army funds had been misused during a border operation.
A cyclone is expected to make landfall on the Kessingford coast on Saturday, and authorities have ordered the evacuation of low-lying districts.
Talks in Aldermoor on a prisoner exchange between Dravik and Kovaria stalled over the fate of eleven detained fishermen.
Tamaris and Quellan restored full diplomatic relations, ending a twenty-year freeze that began with a quarrel over fishing grounds.
Election observers said Sunday's vote in Pravonia was largely orderly but noted reports of pressure on voters in rural districts.
The king of Estmere opened a new session of parliament with a speech promising reforms to the courts and the police.
Relief convoys reached the drought-hit Sorrel Plains after weeks of delay, bringing food and clean water to 80,000 people.
The Gallimar foreign minister called for calm after a naval standoff near the disputed Corran Islands.
A court in Velgrad sentenced former mayor Dmitri Ossel to six years in prison for corruption linked to public housing contracts.
Heads of government from across the region will meet in Marisport next month to discuss migration, security and climate adaptation.
Volcanic ash from Mount Kerrow forced the closure of schools in three districts and prompted health warnings across the island of Halvey.
Belmora's president dissolved parliament and called early elections for June, saying the deadlocked coalition could no longer govern.
Peacekeepers from Lusandra and Tamaris began withdrawing from the buffer zone under an agreement brokered by the regional council.
Officials in Uldovia said at least 14 people died when a landslide buried a mountain road after days of heavy rain.
The interior ministry of Corvand imposed a curfew in the port city of Dunmere after a night of rioting.
Voters in the autonomous region of Ferrow backed greater self-rule in a non-binding vote that the central government called "meaningless."
Diplomats say a draft resolution condemning the coup in Sardova may face a veto when it comes before the council next week.
Morvath's new prime minister, Oriane Delcourt, pledged to form a unity government that includes the largest opposition party.
Hundreds of migrants were rescued from overcrowded boats in the Strait of Vell over the weekend, coastguard officials reported.
Arvenia recalled its ambassador from Nerevia in protest at remarks by a senior minister about the two countries' shared history.
The ruling party in Halvenor chose veteran lawmaker Jonah Ekwueme as its candidate for the presidential election next spring.
Army engineers safely removed an old wartime shell found by construction workers near the main railway station in Brennick.
The regional bloc suspended Sardova's membership until civilian rule is restored and a date for elections is set.
Floodwaters began to recede in the delta towns of Pravonia, but officials warned that the risk of disease remains high in the camps.
The foreign minister of Kovaria, Lidia Morrow, said her country would mediate between its two neighbours "for as long as it takes."
Police in Saint-Aubrel arrested 30 people after a banned rally against the government turned violent near the parliament building.
After three rounds of voting, lawmakers in Quellan finally elected Marta Oyelaran as speaker of the national assembly.
Leaders at the Ostrehaven summit agreed to create a joint fund to rebuild schools and hospitals damaged in last year's conflict.
The president of Veskar pardoned 200 prisoners to mark the country's independence day, including several journalists.
An outbreak of cholera in refugee camps near the Morvath border has led health ministers to request emergency help from abroad.
Estmere and Belmora agreed to build a bridge across the River Aln, linking two regions long separated by a closed frontier.
Gunfire was heard near the presidential palace in Tolvani on Monday, though the government later said the situation was under control.
The opposition in Rhovania accused the electoral board of delaying results in districts where its candidates were leading.
A blizzard stranded hundreds of travellers on mountain roads in northern Falkreach, and soldiers were sent to dig out buses and cars.
The Zanthera government said it would allow foreign journalists to visit the conflict zone for the first time since the fighting began.
Envoys from both sides arrived in Lindenhall late on Wednesday for a new round of talks aimed at ending the long siege of Carrowmore.
Mourners lined the streets of Velgrad as the coffin of the late foreign minister passed through the old town to the cathedral.
Gallimar's supreme court ruled that last year's emergency decree was unconstitutional and ordered the release of detained activists.
The prime minister of Tamaris survived a vote of no confidence by just four votes after a heated debate in parliament.
Nearly a million people remain without shelter a week after the typhoon, and the Uldovian government has appealed for international aid.
Border guards from Dravik and Morvath exchanged fire overnight in a remote valley, each side blaming the other for starting it.
Istrella's new ambassador presented her credentials to the king on Tuesday, formally ending a three-year diplomatic gap.
The foreign ministers of the Northern Council condemned the missile test and called on Pravonia to return to disarmament talks.
Tens of thousands of people fled the city of Harlen as rebel forces advanced from the south, according to the regional governor.
Voters in Lusandra elected their first female president, former judge Amara Kessel, with 54 percent of the vote.
A heatwave has killed dozens of elderly people across Sardova, and the health ministry has opened cooling centres in major cities.
Police in Corvand detained an opposition leader at the airport as he returned from exile, sparking protests among his supporters.
The government of Falkreach and the main rebel group signed a ceasefire in Aldermoor, the first in nearly a decade of conflict.
Nerevia will send 500 troops to join the international peacekeeping force in Uldovia, the defence ministry announced on Friday.
Protesters in Dunmere set up road blocks to oppose the closure of the town's hospital, which the ministry says is too costly to run.
The leaders of Arvenia and Belmora agreed to ease visa rules for students and seasonal workers after a meeting in Marisport.
Rising sea levels are forcing some communities in the Tessamar archipelago to plan moving entire villages inland, officials say.
The electoral commission in Halvenor disqualified two presidential candidates for failing to meet residency rules.
A senior general in Kovaria was dismissed after soldiers under his command were accused of abuses during a raid in the north.
The new mayor of Saint-Aubrel, Héloïse Marchand, promised to restore public trust after the scandal that toppled her predecessor.
Estmere's foreign ministry urged its citizens to leave Zanthera immediately as fighting spread toward the capital.
Delegates at the climate summit in Ostrehaven failed to agree on a common target, with poorer nations demanding more support.
The death toll from the bus crash on the mountain highway near Kerrow rose to 23, officials said on Saturday.
The government of Rhovania blocked a popular messaging app ahead of the election, saying it was being used to spread false rumours.
Several countries threatened to boycott next year's Games in Velgrad unless the host government frees political prisoners.
Sanctions on Pravonia have left shops short of medicine and fuel, and the currency has lost half its value since January.
Finance ministers of the regional bloc met in Brennick, but the talks were dominated by the border crisis rather than the budget.
Fishermen from Quellan were detained by the coastguard of Gallimar, which says they entered its waters without a licence.
Ten years after the civil war ended, Morvath still struggles to trace thousands of people who went missing during the fighting.
The opposition won control of the capital's city council in local elections seen as a test for President Anton Bravik.
Thousands of people gathered in the main square of Lindenhall to welcome home soldiers returning from the peacekeeping mission.
The royal palace in Estmere announced that Crown Princess Sofia will take on more duties while her father recovers from surgery.
Kovaria's parliament voted to lower the voting age to sixteen for local and national elections, starting in two years.
A special envoy warned that conditions in the besieged town of Carrowmore were "worse than at any point in the war."
Negotiators from Dravik and the separatist region of Ferrow agreed to swap prisoners before the winter holidays.
Riot police used tear gas to disperse students protesting against the arrest of a university lecturer in Tolvani.
Flights resumed at the main airport in Halvey after the eruptions calmed, but the government kept a 10-kilometre exclusion zone.
The foreign minister of Belmora said relations with Corvand were "at their lowest point in a generation."
Aid agencies warned that the harvest in the Sorrel Plains could fail for a second year, leaving two million people short of food.
Voters in Veskar rejected a change to the constitution that would have allowed the president to seek a fourth term.
The new coalition government in Istrella, made up of four parties, was sworn in on Monday after months of negotiations.
Troops from Uldovia and Zanthera pulled back from the disputed ridge after a week of talks brokered by the Northern Council.
Police say a man was arrested over the attack on the Arvenian consulate in Dunmere, in which no one was hurt.
Gallimar's foreign ministry summoned the Lusandran ambassador over an official map showing the disputed islands as Lusandran territory.
The death of a young protester in police custody has sparked demonstrations in several cities across Sardova.
Parliament in Nerevia passed a law allowing citizens living abroad to vote by post for the first time.
After a week of searching, rescuers pulled a 12-year-old boy alive from the rubble of a collapsed apartment block in Kerrow.
Leaders of the two rival factions in Tamaris shook hands in public for the first time, raising hopes that the unity deal will hold.
The foreign ministers of Pravonia and Quellan agreed to set up a hotline to avoid incidents between their navies.
Election day in Corvand passed without major violence, though turnout was low in the northern provinces.
Thousands of people have been displaced by fighting between government forces and rebels around the city of Harlen.
The president of Falkreach apologised on behalf of the state for the forced removal of mountain villages during the 1970s.
Nearly 40 countries pledged money at a donors' conference in Marisport to rebuild homes destroyed by the floods in Dravik.
The interim government of Sardova promised to hand power to civilians within eighteen months, a timetable neighbours called too slow.
An oil tanker seized in the Strait of Vell was released with its crew after diplomatic talks, the ship's flag state said.
The ruling party in Rhovania lost its majority after five lawmakers quit to join a new centrist movement.
Estmere's parliament debated a proposal to give refugees the right to work while their asylum claims are being processed.
A powerful storm knocked down power lines across the southern islands of Tessamar and left much of the region without water.
The prime minister of Kovaria arrived in Ostrehaven for talks on energy security and defence with leaders of the Northern Council.
Opposition leader Farid Nassour urged his supporters to stay calm after the court postponed his trial for a fourth time.
The refugee agency said the number of people fleeing Zanthera has passed 300,000, most of them women and children.
Lawmakers in Belmora approved a ban on face coverings at public demonstrations despite objections from rights groups.
Villagers in the hills of Morvath are rebuilding homes destroyed in the fighting, helped by returning families and army engineers.
Istrella's president, on a visit to Brennick, laid a wreath at the memorial to soldiers who died in the two countries' shared war.
An avalanche in the Kessel Pass buried a stretch of highway, trapping several vehicles; three people were rescued by helicopter.
Diplomatic sources say the ceasefire in eastern Uldovia is holding, although both sides report sporadic shelling at night.
Hundreds of teachers marched on the education ministry in Tolvani to demand unpaid wages, blocking traffic in the capital for hours.
The government of Lusandra declared a state of emergency in three provinces where wildfires are threatening towns.
Foreign observers will monitor the vote in Pravonia after the government agreed to a request from opposition parties.
Relations between Nerevia and Arvenia warmed after the two leaders met on the sidelines of the regional summit.
A court in Gallimar ordered a recount in the capital after the opposition presented evidence of irregularities at dozens of polling stations.
Quellan's government ordered banks to freeze the accounts of officials linked to the deposed regime.
Sardova's sports minister was among five officials arrested on Tuesday as the interim government widened its crackdown on opposition figures.
Officials in Corvand shut down mobile internet in two provinces during the unrest, saying it would stop protesters from organising.
The health minister of Veskar resigned over delays in the vaccination campaign, which has reached only a third of the rural population.
Volunteers in the flooded town of Aln Bridge are handing out drinking water while the army repairs the damaged dam upstream.
The two main parties in Rhovania agreed to hold a televised debate for the first time before next month's general election.
A helicopter carrying the regional governor of Ferrow crashed in fog; the governor and two pilots survived with minor injuries.
The Quellan navy said it had rescued 46 sailors from a cargo ship that sank during a storm off the western coast.
Demonstrators in Halvey demanded the resignation of the island's governor over the slow response to the eruption.
The parliament of Tamaris voted to recognise the independence of the breakaway region, a move that angered its larger neighbour.
Kovaria and Dravik signed an agreement to return hundreds of refugees who have lived in border camps for more than a decade.
The president of Estmere said the army would stay in the northern districts until armed groups there laid down their weapons.
Officials in Arvenia evacuated 120 people from a village threatened by a slow-moving landslide on the edge of Lake Merrin.
Foreign ministers from four continents met in Saint-Aubrel and issued a joint call for a halt to fighting around the port of Carrowmore.
The ruling council in Sardova released the former prime minister, who had been held under house arrest since the coup.
Mass protests over the price of bread spread from the capital of Zanthera to at least six other cities over the weekend.
Rescue workers in Lusandra say a bridge collapse during the morning rush hour killed nine people and injured dozens.
A delegation of lawmakers from Gallimar visited the refugee camps in Quellan and promised to double humanitarian funding.
Pravonia's president, Viktor Halász, will step down next year after two terms, his office said in a brief statement.
Soldiers from the Northern Council began joint exercises near the Falkreach border, drawing sharp criticism from neighbouring Morvath.
Nerevia's parliament elected Jakob Lindqvist as head of state in an indirect vote after the previous president died in office.
The first train in twenty years crossed the border between Belmora and Corvand — a symbol of the thaw between the former rivals.
In a rare public appearance, the exiled opposition leader told a rally in Marisport that she would return home "before the year is out."
The government of Uldovia and tribal elders agreed to share water from the upper Sel river after a summer of deadly disputes.
Residents of Kerrow were allowed back into their homes on Thursday, two weeks after the earthquake, though many buildings remain unsafe.
Election officials in Veskar began counting ballots late on Sunday, with early results showing the governing party slightly ahead.
Hundreds of firefighters from neighbouring countries joined the battle against forest fires on the outskirts of Tolvani.
Opposition candidate wins the presidential runoff in Halvenor.
Ceasefire collapses in eastern Uldovia after only three days.
Floods force 20,000 people from their homes in southern Dravik.
Arvenia and Nerevia reopen their embassies after a decade of silence.
A 40-member monitoring mission from the Northern Council will watch the frontier for six months under the new peace accord.
""")

SPORTS = _lines("""
The Lindenhall Rovers came from two goals down to beat Ostrehaven United 3-2, with striker Mateo Ruiz scoring twice in the final ten minutes.
Tennis star Nadia Orlova needed just 58 minutes to win her opening match at the Marisport Open, dropping only three games.
The Velgrad Falcons sacked head coach Pieter Janssen after a run of seven straight defeats left the club bottom of the league.
Elias Warrick set a course record at the Brennick Marathon, crossing the line in 2:04:11 despite strong headwinds along the river. It was his third win in the city.
The Caldera Bay Sharks clinched a playoff spot with a 104-98 overtime win, led by 34 points from guard Dante Holloway.
Cyclist Lena Brandt took the leader's jersey after a brutal mountain stage that finished on the slopes of Mount Kerrow.
Aldermoor Wolves captain Finn O'Rourke will miss the rest of the season after tearing a knee ligament in training.
The national rugby team of Estmere beat Falkreach 27-13 in a bruising test match to keep their championship hopes alive.
Swimmer Kaito Mori broke the world record in the 200 metres butterfly on the final night of the championships in Ostrehaven.
Riverton Comets pitcher Sam Delgado threw a complete-game shutout as his team beat the Tessamar Tides 4-0 on Sunday.
Golfer Isla McKenna holed a 30-foot putt on the final green to win the Tessamar Classic by a single stroke.
Midfielder Jonas Weber signed a four-year contract with Dunmere City after leaving Brennick Athletic on a free transfer.
The Kessingford Knights won their first hockey title in 31 years, beating the Aldermoor Bears 2-1 in game seven of the final.
Sprinter Amara Osei won gold in the 100 metres in 10.79 seconds, the fastest time in the world this season.
Driver Luca Ferraro started from pole and led every lap to win the Grand Prix of Velgrad. His teammate finished second, giving Stellar its first one-two finish in nine years.
Brennick Athletic were knocked out of the cup by third-division Harlen Town, who scored the only goal from a late corner.
Chess champion Anya Petrova drew her fifth game against challenger Rafael Okonjo, leaving the title match level at 2.5 points each.
The Marisport Mariners traded veteran quarterback Tyler Banks to the Velgrad Falcons for two draft picks on Thursday.
Skier Mathilde Rousseau won the downhill at Saint-Aubrel, her third victory in a row on the World Cup circuit.
The coach of the Arvenian national team named three uncapped players in his squad for next month's qualifiers.
Boxer Malik Henderson retained his heavyweight title with a unanimous points decision over challenger Viktor Strand in Dunmere.
Cricket: Belmora were bowled out for 142 on the final day, handing Quellan a seven-wicket win and a 2-0 series lead.
A hat-trick from teenager Noah Lindgren gave the Aldermoor Wolves a 3-1 win over the league leaders on Saturday.
Tennis veteran Marco Bellini announced his retirement at 36, saying his body could no longer handle the demands of the tour.
The Riverton Comets extended their winning streak to eleven games with a 7-3 victory, as slugger Andre Pike hit two home runs.
Long jumper Sofia Navarro leapt 7.12 metres on her final attempt to snatch the gold medal from the defending champion.
The league suspended Dunmere City defender Carlos Mendes for four matches after he was sent off for a second time this season.
Rowing twins Erik and Jens Halvorsen won the double sculls final by half a length after a thrilling sprint over the last 500 metres.
Caldera Bay Sharks centre Obi Nwachukwu was named the league's most valuable player after averaging 28 points and 12 rebounds.
The Marisport Open semifinal was suspended because of rain with Nadia Orlova leading 6-4, 3-2 against Hana Kimura.
Goalkeeper Tomasz Wróbel saved two penalties in the shootout as the Velgrad Falcons reached the cup final for the first time.
Sailing: the Estmere crew led from start to finish in the last race to take the regatta title. Skipper Maren Holt called it "the race of our lives."
Lindenhall Rovers fans will be able to watch the derby on a big screen in the city park after tickets sold out in an hour.
Former champion Gabriel Moreau returns to the ring on Saturday after a two-year ban for missing drug tests.
Injury-hit Brennick Athletic lost again, going down 2-0 at home to Harlen Town in front of their smallest crowd in years.
Sixteen-year-old gymnast Mei Tanaka scored a perfect ten on the beam, the first at the national championships since 1998.
The Kessingford Knights signed free-agent forward Ryan Calloway to a one-year deal to bolster their struggling attack.
Heavy snow forced organisers to cancel the men's slalom at Halvey, the second World Cup race to be called off this month.
Volleyball: Tamaris beat Nerevia in five sets to win the continental championship in front of a sold-out home crowd.
Mateo Ruiz's late header sealed a 1-0 win for Lindenhall Rovers and sent them three points clear at the top of the table.
The national team's manager, Sven Dahl, said he would not change his tactics despite criticism after the goalless draw with Corvand.
Cyclist Lena Brandt crashed on a wet descent and lost more than four minutes, ending her hopes of winning the tour.
The Marisport Mariners rallied from 17 points down in the fourth quarter to beat the Dunmere Bulls 31-28 on a last-second field goal.
Olympic champion Amara Osei pulled out of the relay with a hamstring strain, but her coach expects her back within a month.
Teenage sensation Luka Petrović made his debut for Ostrehaven United and set up the winning goal.
Defending champion Isla McKenna shot a six-under 66 to take a two-shot lead after the first round of the Lusandra Open.
Kessingford Knights goaltender Pavel Hrubý stopped 41 shots to earn his fifth shutout of the season.
The Falkreach cricket board named 22-year-old batter Rohan Mehta as captain of the one-day side, the youngest in the country's history.
Two late tries from winger Tane Rawiri gave Belmora a narrow 20-17 victory over Gallimar in the opening game of the championship.
Aldermoor Wolves were held to a 2-2 draw by bottom club Dunmere City after conceding an equaliser deep in stoppage time.
Marathon world record holder Elias Warrick will skip the spring season to prepare for the championships in August.
Nadia Orlova beat Hana Kimura in straight sets to win the Marisport Open, her first title on clay.
The Caldera Bay Sharks fired their coach two games into the playoffs, a move the star players described as "shocking."
A 40-yard strike from midfielder Jonas Weber earned Dunmere City their first away win of the season.
Sprinter Jamal Pryce was stripped of his silver medal after a banned substance was found in his sample from last summer's games.
Swimmer Kaito Mori added a second gold in the 400 metres individual medley, finishing almost two seconds ahead of the field.
The Riverton Comets clinched the division title with a week to spare after their closest rivals lost in extra innings.
The umpire's decision to overturn the run-out sparked angry protests from the Quellan players on the third day of the test.
Ski jumper Anders Holm soared 142 metres to win the opening event of the season in front of 20,000 fans in Falkreach.
Brennick Athletic appointed former captain Declan Moyes as interim manager after the sacking of Harald Jensen on Monday.
The Velgrad Falcons' defence forced four turnovers in a 24-10 win over the Marisport Mariners on a snowy Sunday night.
World number one Marco Bellini withdrew from the quarter-finals with a back injury, handing a walkover to his opponent.
Ostrehaven United beat Lindenhall Rovers 2-0 in the cup final, their first major trophy in nearly two decades.
A record crowd of 68,000 watched the women's final, in which Tamaris beat Corvand 3-1 after extra time.
Racing team Stellar confirmed that rookie driver Inês Carvalho will replace the injured Luca Ferraro for the next two races.
The Kessingford Knights and Aldermoor Bears brawled in the third period, leading to seven ejections and a lengthy stoppage.
Golfer Owen Lachlan made a hole-in-one on the par-three 16th to help Estmere win the team event in Saint-Aubrel.
The league fined Caldera Bay Sharks guard Dante Holloway for criticising the referees after Thursday's loss.
Cyclist Marek Novák won the time trial by 14 seconds and now leads the overall standings going into the final weekend.
Aldermoor Wolves striker Noah Lindgren has been called up to the national squad for the first time after scoring 15 league goals.
The national basketball team of Pravonia qualified for the world cup with a 78-71 win over Uldovia in the final round.
Harlen Town's fairytale cup run ended in the semi-finals with a 4-0 defeat against a strong Ostrehaven United side.
Runner Grace Ndlovu won the 5,000 metres in a championship record, pulling away from the pack with one lap to go.
The Dunmere Bulls released veteran linebacker Marcus Reed, ending a 12-year career with the club. He is expected to sign with a rival before training camp opens.
Rohan Mehta scored an unbeaten 131 as Falkreach chased down 290 with two overs to spare.
Boxing officials ordered a rematch after the controversial draw between Malik Henderson and Viktor Strand.
Luca Ferraro walked away unhurt from a high-speed crash during practice, but his car was badly damaged.
Velgrad Falcons coach Rosa Almeida said her young squad had "grown up" after their dramatic cup semi-final win.
Sophie Laurent won the women's downhill by a quarter of a second, her fourth World Cup victory of the winter.
The Lindenhall Rovers goalkeeper was sent off after 12 minutes, but ten-man Rovers still held on for a goalless draw.
Figure skater Yuna Seo landed two quadruple jumps to win the free skate and the national title in Brennick.
Dunmere City's home game against Harlen Town was postponed after a storm damaged the roof of the main stand.
The Riverton Comets acquired all-star shortstop Diego Fuentes from the Tessamar Tides in exchange for three minor-league prospects.
Estmere reached the rugby championship final after beating defending champions Falkreach 19-16 with a late drop goal.
Tennis: Hana Kimura saved four match points before beating the top seed in a three-hour battle at the Lusandra Open.
Caldera Bay Sharks forward Obi Nwachukwu scored a career-high 47 points, but his team still lost to the Velgrad Giants.
Ostrehaven United manager Fabio Conti was fined by the league after accusing the referee of bias following Sunday's defeat.
Decathlete Jonas Kahl broke the national record with 8,702 points, finishing the 1,500 metres in a personal best.
The Marisport Mariners lost their starting quarterback to a broken wrist and face a difficult month without him.
Mountain biker Chloé Ferrand won the world cup round in Halvey despite a flat tyre on the final lap.
Belmora qualified for the football world cup for the first time after a dramatic 2-1 victory in Istrella.
The Aldermoor Wolves' unbeaten home record ended with a 3-0 thrashing by Lindenhall Rovers in a one-sided derby.
Grace Ndlovu and Elias Warrick were named athletes of the year at the federation's gala in Saint-Aubrel.
A brilliant solo goal from winger Kofi Mensah helped Harlen Town stun Dunmere City 2-1 in the fourth round of the cup.
The Tessamar Tides ended a 12-game losing streak with a 6-5 win, scoring the winning run on a wild pitch in the ninth inning.
Velgrad Falcons fans celebrated in the streets all night after their team won the league title on the last day of the season.
Fourteen-year-old Arjun Rao became the youngest chess grandmaster in the country's history after winning the Lindenhall Open.
The Caldera Bay Sharks now use wearable sensors and software to track each player's workload and cut the risk of injury.
Lindenhall Rovers signed striker Paulo Serra for a club-record fee, beating rival offers from two foreign clubs.
The president of the national football federation resigned after his team failed to reach the world cup.
Athletes at the national championships in Tolvani competed in 38-degree heat, and officials moved the marathon start to 6 a.m.
Parliament in Estmere held a minute's silence for rugby great Tom Aldridge, who captained the national team at two world cups.
Sponsors are queuing up for Amara Osei after her three gold medals, but the sprinter says her focus stays on the track.
The Velgrad Falcons will use video-review technology at every home game this season after the league approved the system.
Dunmere City were docked ten points for breaching the league's spending rules, dropping them into the relegation zone.
The Caldera Bay Sharks re-signed Obi Nwachukwu on a five-year contract, keeping their star forward at the club through 2031.
Midfielder Jonas Weber scored twice on his return from injury as Dunmere City climbed out of the bottom three.
Kessingford Knights captain Ryan Calloway played through a broken finger to score the winning goal in overtime.
Nadia Orlova and her doubles partner Lucía Ortega won the women's doubles title without dropping a set.
Cyclist Marek Novák was disqualified from the stage after holding on to a team car on the final climb.
The Falcons' rookie running back rushed for 187 yards and three touchdowns in his first professional start.
Brennick Athletic's owner said the club would not sell its star striker, despite rumours of a bid from abroad.
Quellan's cricket team will tour Belmora in the winter for three test matches and five one-day games.
Gymnast Mei Tanaka withdrew from the all-around final after landing awkwardly on the vault during warm-ups.
Ski jumper Anders Holm crashed in training and was taken to hospital with a suspected broken collarbone.
The Riverton Comets' Andre Pike hit his 50th home run of the season, breaking the franchise record set in 1961.
Dunmere Bulls kicker Liam Doherty missed three field goals in a 13-9 loss that cost his team a playoff place.
Aldermoor Wolves and Harlen Town drew 0-0 in a match played in fog so thick that fans could barely see the ball.
Ostrehaven United's women beat Marisport 4-0 to reach the continental final, with Ingrid Solberg scoring twice.
Basketball: the Velgrad Giants won the championship series 4-1, and Tomas Lind was named finals MVP.
The weekend's cross-country race in Kessingford was moved to an indoor track after the course was flooded.
Rally driver Petra Kallio won the forest stage by eleven seconds and moved into second place overall.
Lindenhall Rovers manager Ewan Clarke praised his defenders after a fifth consecutive clean sheet.
The world's top two badminton players, Chen Wei and Ravi Menon, will meet in the final in Tolvani on Sunday.
Harlen Town's 19-year-old goalkeeper was voted player of the month after keeping three clean sheets in four games.
Sprinter Jamal Pryce returned from his suspension with a modest 10.31 seconds, finishing fifth in his heat.
The Tessamar Tides fired their manager after a 40-70 start, the worst record in the league.
Caldera Bay Sharks point guard Dante Holloway hit the game-winning three with 0.8 seconds left to beat the Velgrad Giants.
Belmora's rugby coach, Aled Price, named an unchanged side for Saturday's clash with Estmere in Lindenhall.
The tournament in Saint-Aubrel will offer equal prize money to men and women for the first time next season.
Golfer Owen Lachlan withdrew from the Lusandra Open before the final round, citing a wrist problem.
Marathon organisers in Brennick expect 40,000 runners on Sunday, a record for the event in its 50th year.
Figure skaters Anna and Pavel Sokol won the pairs title with a season-best score in the free programme.
Dunmere City's captain was charged by the league after an on-field argument with his own teammate.
Olympic swimming champion Kaito Mori said he would take a year off after the games to study and rest.
Rohan Mehta's side lost by 11 runs despite his four wickets, leaving the series tied at one match each.
Hockey: the Kessingford Knights' 14-game winning streak ended with a 5-2 loss to the Aldermoor Bears.
Velgrad Falcons quarterback Tyler Banks threw for 412 yards in his first game against his former team.
Cyclist Lena Brandt won the world road race title in a two-up sprint against her long-time rival, Marta Vidal.
Ostrehaven United supporters unveiled a giant banner honouring the club's founder on its 125th anniversary.
The Nerevia relay team finished last after dropping the baton on the final changeover.
Fencer Élodie Marchetti won the épée world title in Marisport, beating the favourite 15-12 in the final.
Ten-man Harlen Town held on to draw 1-1 with Brennick Athletic after a red card in the first half.
Boxer Malik Henderson said he would fight once more before retiring, with a bout planned for Dunmere in the spring.
Rugby: Gallimar's scrum dominated from the first minute as they beat Tamaris 34-6 to finish third in the championship.
Luca Ferraro won his home Grand Prix after a late safety car bunched the field and he passed two cars on the restart.
Velgrad Giants centre Tomas Lind was ruled out for six weeks after spraining his ankle in Tuesday's win.
The women's marathon world record fell in Brennick as Grace Ndlovu ran 2:13:50 on a cool, windless morning.
Aldermoor Wolves fans protested outside the stadium before kick-off — calling on the manager to quit after a poor run.
Rovers edge Wolves 3-2 in a thrilling Lindenhall derby.
Osei wins 200 metres to complete sprint double.
Bellini stuns top seed to reach the final in Marisport.
The Tessamar Tides' rookie pitcher struck out 14 batters in his debut, the most by any player in a first start this century.
Swimmer Zoé Lambert won the 1,500 metres freestyle by more than ten seconds to claim her third straight national title.
Velgrad Giants coach Bram de Wit was suspended for two games after shoving an official during the fourth quarter.
Estmere's rugby captain Rhys Morgan will retire at the end of the championship after 104 appearances for his country.
Lindenhall Rovers will face Ostrehaven United in the cup semi-finals after Saturday's draw in Marisport.
Tennis: 17-year-old qualifier Zara Ahmed upset the third seed 7-5, 6-4 to reach the fourth round in Saint-Aubrel.
Ice hockey: the Aldermoor Bears scored three power-play goals in the second period to beat the Kessingford Knights 5-3.
Inês Carvalho claimed her first podium finish, taking third place in a wet race at Kessingford.
""")

BUSINESS = _lines("""
Shares of Halcyon Motors rose 6 percent after the carmaker reported quarterly profit well above forecasts, helped by strong sales of electric models.
Northgate Bank agreed to buy regional lender Pennywise Savings for 2.1 billion dollars in cash, creating the country's fourth-largest bank.
The central bank of Arvenia raised its main interest rate by half a point to 5.25 percent, citing stubborn inflation in food and housing.
Brightwell Foods will cut 1,200 jobs and close two factories as it struggles with rising costs and falling demand for frozen meals.
Oil prices climbed above 90 dollars a barrel for the first time in a year after producers agreed to extend output cuts.
Retail sales in Estmere fell 0.8 percent in November, the biggest monthly drop in three years, official figures showed.
Aurelia Air posted a record summer profit as ticket prices stayed high and planes flew almost full on holiday routes.
Tidewater Freight shares plunged 18 percent after the shipping group warned that earnings would miss targets because of weaker trade.
Investors poured money into government bonds on Friday, pushing yields to their lowest level in six months as growth fears spread.
The chief executive of Quillstone Insurance, Margaret Ellery, will step down next year after eleven years in charge.
Pennick Steel filed for bankruptcy protection, blaming cheap imports and high energy costs for losses that reached €400 million.
Greyfield Retail said like-for-like sales rose 3.2 percent over the holiday season, beating expectations as shoppers returned to stores.
The Corvand stock index closed at a record high, led by gains in banking and energy shares after strong economic data.
Solmara Energy agreed to sell its offshore oil fields to a private equity group for 3.4 billion dollars as it shifts toward wind power.
Consumer prices in Belmora rose 4.1 percent in the year to March, slightly less than economists had predicted.
Bellhaven Hotels will open 40 new hotels over the next three years, betting that business travel will keep recovering.
The government of Falkreach plans to sell its remaining 30 percent stake in the national telephone company.
Marlow & Finch, the department store chain, reported a first-half loss and said it would close 25 of its 110 shops.
Unemployment in Kovaria dropped to 5.6 percent, its lowest level in a decade, as construction and tourism hired more workers.
Ostara Pharmaceuticals raised its full-year outlook after sales of its new heart drug doubled in the second quarter.
The euro slipped to 1.04 dollars after comments from central bankers suggested rate cuts could come sooner than expected.
Cobalt Ridge Capital, the private equity firm, closed its latest buyout fund at 8 billion dollars, the largest in its history.
House prices in Lindenhall fell for the fifth month in a row as higher mortgage rates kept first-time buyers away.
Redwater Mining said copper output rose 12 percent in the third quarter, but lower metal prices held back its revenue.
Workers at the Halcyon Motors plant in Brennick voted to accept a 9 percent pay rise over two years, ending the threat of a strike.
Coffee prices hit a 13-year high after drought damaged crops in major growing regions, pushing up costs for roasters and cafés.
Northgate Bank was fined 120 million dollars by regulators for failing to stop suspicious transfers linked to money laundering.
Competition authorities blocked the merger of Aurelia Air and rival carrier SkyMar, saying it would raise fares on key routes.
Greyfield Retail's shares jumped 11 percent after billionaire investor Harold Vance disclosed a 7 percent stake in the company.
Factory output in Gallimar shrank for the third straight month in October as export orders dried up, a survey showed.
Brightwell Foods named former rival executive Dana Whitlock as its new chief executive, effective from January.
The Velgrad stock exchange suspended trading in shares of Kestrel Property after the developer missed a bond payment.
Pension funds in Estmere will be allowed to invest more in infrastructure under rules published by the finance ministry on Monday.
Tidewater Freight ordered six new container ships worth 900 million dollars, betting on a recovery in global trade.
Gold rose to a record high as investors looked for safety amid weak growth and falling interest rates.
Solmara Energy's profit fell by a third in the first quarter as lower gas prices cut into revenue from its trading arm.
The chairman of Pennick Steel said the company had found a buyer for its main mill, saving about 2,000 jobs in Dunmere.
Car sales in Nerevia rose 14 percent in September, driven by tax breaks for electric vehicles that expire at year end.
Quillstone Insurance expects claims of around 600 million dollars from the spring floods, its biggest loss from a single event.
Supermarket chain FreshWay will raise wages for its 60,000 store workers by 6 percent, its third increase in two years.
Bellhaven Hotels agreed to be taken over by a group of investors in a deal that values the company at €5.2 billion including debt.
The finance minister of Belmora presented a budget that cuts corporate tax to 19 percent and raises duties on fuel and tobacco.
Shares in Ostara Pharmaceuticals tumbled 25 percent after regulators rejected its application to sell a new diabetes treatment.
Wheat prices slid for a fourth week as a record harvest in the south eased worries about supply. Bakers, however, say flour costs have barely moved.
The central bank of Tamaris left interest rates unchanged but warned that it was ready to act if the currency weakened further.
Halcyon Motors recalled 180,000 cars to fix a faulty fuel pump that could cause engines to stall at low speed.
Greyfield Retail agreed to sell its clothing brand Harbour & Vine to a rival for 340 million dollars.
Economists expect growth in Istrella to slow to 1.2 percent next year as exports weaken and households cut spending.
Northgate Bank's profit rose 22 percent in the third quarter, helped by higher interest income and fewer bad loans.
Low-cost airline Flyrova said it would add 30 routes from Saint-Aubrel next summer and hire 400 pilots and cabin crew.
Cobalt Ridge Capital sold its stake in Brightwell Foods for twice the price it paid five years ago.
Mortgage approvals in Kovaria hit a two-year high in August, suggesting the housing market may have passed its low point.
The Arvenian krell fell to a record low against the dollar as investors worried about the size of the budget deficit.
Marlow & Finch's chief executive, Giles Harrow, said the chain would focus on online sales after closing several stores.
Redwater Mining agreed to pay 40 million dollars to settle claims over pollution at its former nickel mine near Harlen.
Tourism revenue in Tessamar reached a record 6 billion dollars last year, as visitor numbers finally passed pre-crisis levels.
Shares of Aurelia Air fell 9 percent after the airline cut its profit forecast because of higher fuel costs.
The Dravik government agreed to lend 2 billion dollars to the state railway to keep it running while it is restructured.
Kestrel Property's creditors approved a plan that hands them control of the developer in exchange for writing off half its debt.
Consumer confidence in Lusandra improved for a third month in December, though many households still expect prices to keep rising.
FreshWay said first-half profit fell 8 percent as price cuts to win back customers squeezed its margins.
Solmara Energy will invest €12 billion in offshore wind farms over the next decade, its chief executive told shareholders.
Pilots at Aurelia Air called off a planned strike after the company offered longer rest periods and a one-off bonus.
Trade figures showed Gallimar's exports rose 6 percent in the second quarter, led by machinery and chemicals.
The Corvand competition authority opened an inquiry into whether the three largest supermarkets had agreed to keep milk prices high.
Quillstone completed its purchase of a small pet insurance firm for an undisclosed sum. The deal adds about 400,000 customers in a fast-growing market.
Shares of steel supplier Ironvale fell sharply after Pennick Steel's bankruptcy filing left it with unpaid bills.
A survey of purchasing managers showed service businesses in Estmere grew at the fastest pace in 18 months in March.
Halcyon Motors and battery maker Voltaris will build a 3 billion dollar factory near Brennick, creating around 2,500 jobs.
Northgate Bank said it would close 90 branches as more customers move to banking on their phones.
Oil major Westmark Petroleum said its chief financial officer would leave after the company's third profit warning in a year.
The Belmora central bank cut interest rates for the first time in four years, saying inflation was falling back toward its target.
Greyfield Retail reported its best Christmas trading in a decade, with online orders up 30 percent.
Brightwell Foods agreed to buy organic snack maker Little Acre for 210 million dollars to expand in healthier products.
Sugar prices fell to a two-year low as traders expected a large harvest and weak demand from drinks makers.
The Velgrad property market is cooling, with the number of homes sold in the capital down 15 percent from a year earlier.
Ostara Pharmaceuticals will buy back 1 billion dollars of its own shares after a strong year for its cancer drugs.
The finance ministry of Quellan raised 3 billion dollars from its first sale of green bonds, which were four times oversubscribed.
Tidewater Freight's new chief executive, Anil Varma, promised to cut costs by 500 million dollars over three years.
Investors sold shares in construction firms after official figures showed building permits in Nerevia fell 20 percent.
Bellhaven Hotels said room rates in Saint-Aubrel were 25 percent higher than last year during the busy festival season.
The dollar rose to a six-month high against a basket of currencies after strong jobs figures reduced the chance of a rate cut.
Cobalt Ridge Capital is in talks to buy a majority stake in Flyrova, the budget airline, according to people familiar with the matter.
Redwater Mining shares rose 7 percent after the company found a large deposit of lithium at a site in the Kerrow hills.
Inflation in Sardova reached 38 percent in January as the currency collapsed, forcing shops to update prices every week.
Marlow & Finch's landlords agreed to cut rents by up to 40 percent to keep the struggling chain in its city-centre stores.
The bakery chain Crumb & Co plans to raise 150 million dollars in a stock market listing later this year.
Halcyon Motors' chief executive, Jürgen Falk, said the company would not cut prices despite slowing demand for its cars.
Farmers in Uldovia say fertiliser costs have doubled in a year, squeezing profits even as crop prices remain high.
Northgate Bank and Quillstone Insurance agreed a ten-year partnership to sell insurance products in the bank's branches.
Shares of FreshWay fell 4 percent after a rival announced plans to open 100 discount stores in its home market.
Westmark Petroleum will pay its shareholders a special dividend of 2 dollars a share after a year of high energy prices.
Government debt in Halvenor rose to 112 percent of economic output, prompting a ratings agency to cut its outlook to negative.
Aurelia Air will order 60 new planes worth 7 billion dollars at list prices to replace its ageing fleet.
Ostara Pharmaceuticals settled a patent dispute with generic drugmaker Medilux, allowing cheaper versions to launch in 2027.
Weak demand for new homes pushed timber prices to their lowest level in three years, hurting sawmills in northern Falkreach.
The chairman of Greyfield Retail, Simon Ashby, survived a shareholder vote after investors rejected a call to replace him.
Economic growth in Tamaris beat forecasts at 0.9 percent in the third quarter, helped by rising exports of fish and timber.
Solmara Energy shares fell after a court in Estmere ordered the company to pause work on a gas pipeline.
Landlords in Marisport raised office rents by an average of 5 percent this year as companies called staff back to their desks.
Lindenhall Rovers reported a loss of 38 million dollars for the season, blaming high player wages and lower television income.
The owners of the Caldera Bay Sharks agreed to sell the basketball team to a group led by property investor Ronan Hale for 1.8 billion dollars.
Chipmaker Vantor Semiconductors said quarterly revenue rose 35 percent on strong demand for processors used in data centres.
Shares of streaming service Flickbox fell 14 percent after it lost subscribers for the first time and cut its revenue forecast.
New tariffs on imported steel announced by the Dravik government will raise costs for carmakers and builders, industry groups warned.
Orbitline, the satellite internet provider, raised 600 million dollars from investors ahead of a planned stock market listing.
Sportswear maker Stridewell said sales jumped 20 percent, helped by football fans buying shirts before the world cup.
Nimbusoft agreed to be acquired by Corvex Systems for 9 billion dollars, the largest technology deal of the year.
The league's new broadcast deal is worth a record €4 billion over four seasons, a windfall for club finances.
Ticket revenue at the Velgrad Grand Prix fell by a quarter this year, and the organisers say they need public money to stay afloat.
Lumora Labs, a maker of smart-home devices, cut 15 percent of its staff after sales fell short and its cash ran low.
Kestrel Software's shares doubled on their first day of trading after the company raised 400 million dollars in its initial public offering.
The war in Zanthera has pushed up insurance costs for cargo ships crossing the region, adding to freight rates.
Brennick Athletic's owners put the football club up for sale after two seasons of heavy losses and falling attendance.
Vantor Semiconductors will spend 20 billion dollars on a new chip plant, with the government of Corvand covering a fifth of the cost.
The Lusandra finance ministry said tax revenue rose 9 percent in the first half, allowing it to narrow the budget deficit.
Dairy group Milvale will merge with its smaller rival Greenholm to create a company with annual sales of 4 billion dollars.
Stock markets across the region fell sharply on Tuesday as investors worried about slowing growth and high interest rates.
Rental car company Drivo said demand from tourists helped it post a record quarterly profit of 210 million dollars.
The Kovaria state oil company signed a 10-year supply deal with buyers in Gallimar worth an estimated 15 billion dollars.
Shares of toymaker Pebble & Pine rose 12 percent after strong holiday sales of its wooden train sets.
The price of eggs has risen 60 percent in a year in Estmere, and supermarkets are limiting how many boxes each shopper can buy.
Quillstone's shares fell after the insurer set aside more money to cover claims from a wave of storms.
Pennick Steel's former chief executive was charged with misleading investors about the company's debts before its collapse.
Bond investors demanded higher yields from Sardova after the government delayed a planned payment to foreign lenders.
Westmark Petroleum agreed to buy a rival's refineries for 4.6 billion dollars, making it the largest fuel supplier in the region.
The Halvenor central bank sold foreign currency reserves to support the ryal, which lost 10 percent of its value in a week.
Greyfield Retail will pay staff a one-off bonus of 500 dollars each after record sales in the year to January.
Air cargo volumes at Ostrehaven airport rose 18 percent last year, as online shopping boosted demand for fast delivery.
Shares in Brightwell Foods fell 6 percent after the company warned that higher prices for cocoa and sugar would hurt margins.
Bellhaven Hotels' profit doubled in the first half, helped by a surge in conference bookings and higher room rates.
The chief economist at Northgate Bank expects inflation to fall below 3 percent by the end of next year.
Garment factories in Uldovia received 25 percent fewer orders in the first quarter as foreign retailers cut stock levels.
Investors cheered the surprise cut in interest rates, sending the Kovaria stock index up 3 percent in its best day of the year.
Drinks maker Alder & Sons will build a new bottling plant near Aldermoor, creating 300 jobs.
Car dealerships in Nerevia report long waiting lists for electric models as a subsidy scheme nears its end.
The board of Marlow & Finch rejected a takeover offer of 1.1 billion dollars, saying it "seriously undervalued" the retailer.
Shipping rates between the continent's biggest ports have halved since January as new vessels enter service.
A strike by dock workers in Marisport has left hundreds of containers stranded and cost exporters millions, business groups say.
Aurelia Air's chief executive, Felix Durand, said the airline would scrap fees for checked bags on short flights.
Software group Corvex Systems reported a 20 percent jump in profit as companies spent more on cloud services.
A new law on working hours passed by the Estmere parliament will cost retailers about €300 million a year, an industry group estimated.
Shares of video game publisher Pixelforge fell 15 percent after it delayed its biggest release of the year to next spring.
Ostrehaven United plans to raise 100 million dollars by selling shares to fans, a first for a club in the league.
Fuel prices at the pump fell for a sixth straight week, giving drivers in Belmora some relief after a costly summer.
The Tessamar tourism board expects hotel occupancy to reach 90 percent this winter as new flights arrive from the north.
Northgate Bank's share price has fallen 30 percent this year on worries about its exposure to commercial property loans.
Milvale will pay farmers 5 cents more per litre of milk after months of protests over low prices.
Cobalt Ridge Capital hired a former central bank governor, Lotte Vermeer, as a senior adviser — its most prominent hire yet.
Sales of luxury handbags slowed in the spring, and shares of fashion house Maison Lavelle dropped 7 percent.
The stock market listing of Crumb & Co was postponed after weak demand from investors. The bakery chain said it would try again when markets are calmer.
The Gallimar government will raise the minimum wage by 8 percent from January, a move welcomed by unions but opposed by small businesses.
Copper hit a record price as demand from power grid projects outpaced supply from mines. Analysts expect the shortage to last at least two more years.
Tidewater Freight returned to profit in the final quarter after cutting routes and selling two older ships.
Brightwell Foods shares slump after a weak sales outlook.
Central bank holds rates steady as inflation cools in Estmere.
Northgate Bank to cut 2,000 jobs in cost-saving drive.
Oil prices fall as stockpiles rise more than expected.
Ostara Pharmaceuticals' chief executive, Renée Fabre, said the company's drug prices would rise by about 4 percent next year.
Orders for factory machinery in Kovaria rose for the first time in a year, a sign that manufacturers expect demand to recover.
""")

SCITECH = _lines("""
Researchers at the University of Lindenhall have built a battery that charges in five minutes and survives more than 10,000 cycles.
Corvex Systems released an update to its operating system that fixes a security flaw allowing attackers to take control of laptops remotely.
The Tamaris space agency successfully launched its first weather satellite, which will send images of storms every ten minutes.
Astronomers using the Kessel Observatory telescope have found an Earth-sized planet orbiting in the habitable zone of a nearby star.
Nimbusoft unveiled a new version of its web browser that blocks tracking cookies by default and uses less memory.
A study of 40,000 patients found that a common blood pressure drug may also slow memory loss in older adults.
Engineers at Lumora Labs demonstrated a robot that can fold laundry and load a dishwasher, though it still takes several minutes per shirt.
Hackers stole the personal data of 3 million customers from an online ticket seller, the company admitted on Wednesday.
Paleontologists in the Sorrel Plains dug up the nearly complete skeleton of a long-necked dinosaur that lived 150 million years ago.
Vantor Semiconductors showed off a 128-core processor that it says will cut the energy used by data centres by a third.
A new open-source programming language called Fenn aims to make it easier to write fast code for graphics cards.
Scientists sequenced the genome of the giant Tessamar tortoise and found genes that may explain its long life span.
The Orbitline probe entered orbit around Mars after a seven-month journey, beginning a two-year study of the planet's thin atmosphere.
Kestrel Software fixed a bug in its popular messaging app that allowed strangers to see users' phone numbers.
Climate researchers say the ice shelf near Cape Varren lost 12 percent of its area in a single summer, far faster than models predicted.
A team led by physicist Anja Schütz measured the mass of the neutrino more precisely than any previous experiment.
Smartphone maker Zephyr announced a foldable phone with a screen that its engineers say can survive 400,000 folds.
Researchers in Brennick trained an artificial intelligence model to spot early signs of eye disease in retinal scans with 94 percent accuracy.
Marine biologists discovered a new species of glowing shark living 1,000 metres below the surface off the coast of Halvey.
A worldwide outage took down the cloud services of Corvex Systems for four hours, knocking thousands of websites offline.
The video game "Starfall Tactics" sold two million copies in its first week, the fastest launch in the studio's history.
Engineers completed the first test flight of a small electric plane that can carry nine passengers up to 250 kilometres.
Scientists at the Velgrad Institute grew tiny beating heart tissue from stem cells, a step toward repairing damage after heart attacks.
A security researcher found that millions of home routers still use a default password that can be guessed in seconds.
The Halvenor space agency's lunar rover woke up after the long lunar night and resumed sending pictures from the Moon's south pole.
A new study suggests that the first farmers in the Aln valley grew wheat 2,000 years earlier than previously thought.
Quantum computing startup Qubitra said its new chip kept 50 qubits stable for a record length of time.
Nimbusoft will stop supporting the old version of its office software next year and urged users to upgrade.
A comet discovered by amateur astronomer Rosa Llewellyn will be visible to the naked eye in October, astronomers say.
Lumora Labs' smart speaker can now recognise individual voices in a room and respond to each person differently.
Researchers have developed a cheap paper test that detects contaminated water in under ten minutes using a smartphone camera.
Geologists installed 40 new seismic sensors around Mount Kerrow to give earlier warning of eruptions.
The world's fastest supercomputer, built for the Estmere weather service, can run a week's forecast in under a minute.
Zephyr's new tablet uses a chip designed in-house, ending the company's long reliance on outside suppliers.
Biologists found that bees exposed to a common pesticide had more trouble finding their way back to the hive.
An update to the photo app Snapvale accidentally deleted pictures for some users, prompting an apology from the developer.
Astronomers detected water vapour in the atmosphere of a planet 120 light-years away using the new orbiting telescope.
Kestrel Software launched a password manager that works across phones and computers and can be shared by families.
Engineers in Dunmere tested a self-driving bus on city streets, carrying passengers on a fixed route with a safety driver on board.
A study of fossil teeth suggests that early humans in the region ate more fish than scientists had believed.
Corvex Systems' new AI assistant can write and debug code in a dozen programming languages, the company said at its developer conference.
Researchers at Ostrehaven University created a material that pulls drinking water out of dry desert air using only sunlight.
Scientists warned that a fast-spreading fungus is killing frogs in the rainforests of southern Lusandra.
Internet users across Kovaria experienced slow connections after an undersea cable was damaged by a ship's anchor.
Orbitline launched 60 small satellites on a single rocket to extend its internet service to remote areas.
A team of chemists found a way to break down plastic bottles into their raw materials using an enzyme from bacteria.
A bug in the software of a popular fitness tracker caused some devices to record users' heart rates as zero.
Physicists at the Northern Collider reported signs of a new particle, though they said more data was needed to confirm it.
Nimbusoft's latest game console will go on sale in November with a faster processor and support for 8K screens.
Researchers discovered a 3,000-year-old shipwreck in the Strait of Vell, still carrying clay jars of olive oil.
The Tamaris space agency said its astronauts would spend six months on the space station studying how muscles weaken in orbit.
Cybersecurity experts warned of a new type of ransomware that spreads through fake software updates.
Engineers at Vantor Semiconductors say their latest memory chips use a new design that stacks cells in 300 layers.
A study found that children who spend more than three hours a day on screens sleep about 40 minutes less.
Doctors in Marisport used a 3D-printed windpipe to save the life of a baby born with a rare breathing condition.
Researchers have mapped the brain of a fruit fly in complete detail, tracing all 140,000 neurons and their connections.
The social network Chirply will let users edit posts for up to an hour after publishing, the company announced.
Solar panels made from a new mineral called perovskite reached 30 percent efficiency in laboratory tests, a record for the technology.
Geneticists in Velgrad used frozen cells to clone an endangered wild horse. The foal, born in May, is healthy and will join a breeding herd next year.
A flaw in a widely used encryption library could allow attackers to read private messages, and developers rushed out a fix.
Astronomers in Istrella captured the first image of a black hole at the centre of a nearby galaxy.
A new release of the open-source database Corvid adds support for vector search and cuts query times in half.
Researchers found that a drug commonly used for diabetes helped mice live 15 percent longer.
Engineers are testing a wave-powered buoy off the Tessamar coast that could supply electricity to small islands.
Kestrel Software's chief technology officer said the company would use AI to translate its apps into 40 languages.
A rocket carrying a cargo capsule to the space station exploded shortly after launch; no one was aboard.
Scientists reported that the ozone hole over the South Pole is shrinking and could close by the middle of the century.
Users of the Snapvale app can now make short videos with music and filters, a feature aimed at younger people.
An analysis of deep-sea sediment shows that ocean temperatures rose sharply during a period 56 million years ago.
The Estmere Institute of Technology opened a lab dedicated to building robots that can help elderly people at home.
Astronauts aboard the station repaired a leaking cooling pump during a spacewalk lasting seven hours.
Zephyr's new smartwatch can measure blood oxygen and warn wearers of an irregular heartbeat.
Archaeologists near Kerrow uncovered a Bronze Age village buried by volcanic ash, with pots still on the hearths.
Corvex Systems patched 97 security holes in its monthly update, including six that were already being exploited.
Researchers used drones and machine learning to count elephants in the savannah of Zanthera faster than human spotters.
A new vaccine against malaria was 77 percent effective in a trial involving 450 children, researchers reported.
The open-source video editor Kinetta released version 3.0 with real-time effects that run on ordinary laptops.
Scientists believe they have found the oldest known tree, a pine in the Falkreach mountains more than 5,000 years old.
Lumora Labs pushed an emergency firmware update after reports that some of its smart plugs overheated.
A graduate student discovered a prime number with more than 40 million digits using volunteers' home computers.
Engineers at the Northern Collider finished a five-year upgrade that will double the number of particle collisions.
Researchers say a new type of concrete that absorbs carbon dioxide could cut emissions from the building industry.
Web browser makers agreed on a common standard that lets users sign in to websites without passwords.
A robotic submarine mapped the underside of a polar glacier, revealing how warm water is melting it from below.
Scientists in Saint-Aubrel identified a gene that makes some people almost immune to a common stomach virus.
The Orbitline space telescope sent back its first pictures, showing thousands of galaxies in a tiny patch of sky.
Developers of the game "Moonlit Harbor" released a patch that fixes crashes on older graphics cards.
Sensors placed inside bridges in Lindenhall can now warn engineers of cracks long before they become visible.
A study of 2,000 adults found that regular coffee drinkers had a slightly lower risk of liver disease.
Zephyr will switch all its phones to a new charging port next year, following the industry standard.
Hackers took over the website of a city council and replaced the homepage with a fake message, police said.
Engineers in Brennick built a camera the size of a grain of salt for use in medical procedures.
The biggest solar flare in six years caused brief radio blackouts but did not damage satellites, space weather forecasters said.
Researchers developed software that can predict the shape of proteins in seconds, speeding up drug discovery.
Kestrel Software will pay rewards of up to 250,000 dollars to researchers who find serious bugs in its products.
A rover exploring a crater on Mars drilled into rocks that may have formed at the bottom of an ancient lake.
Scientists restored sight to blind mice using a gene therapy that makes retina cells sensitive to light.
Nimbusoft's cloud storage service will give every user 50 gigabytes for free, five times more than before.
Meteorologists at the Uldovia weather service are testing an AI model that predicts floods two days earlier than current systems.
Astronomers have spotted an asteroid that will pass closer to Earth than the Moon next spring, though there is no risk of impact.
The parliament of Estmere passed a law requiring tech companies to delete users' personal data within 30 days of a request.
Regulators in Belmora ordered Chirply to explain how its algorithm recommends posts, under new rules on online safety.
A study of 300 professional footballers found that heading the ball repeatedly can cause small changes in brain structure.
Engineers built a running shoe with a sensor in the sole that analyses each stride and sends tips to a phone app.
The Kovaria government launched its first Earth-observation satellite, which will monitor crops and floods across the country.
Corvex Systems was fined by the Gallimar data protection authority for tracking users' locations without clear consent.
The weather service of Lusandra will use a new supercomputer to predict heatwaves and wildfires a week in advance.
Zephyr sold 8 million phones in the first month after launch, helped by a camera that works well in low light.
The election commission of Rhovania tested an electronic voting system, but security researchers found flaws that could let votes be changed.
Engineers have designed a radar that can spot small drones near airports, after sightings shut Ostrehaven's runway for hours last year.
Scientists at the Kessel Observatory measured how fast the universe is expanding and got a result that disagrees with older estimates.
A new app lets farmers diagnose plant diseases by photographing a leaf, even without an internet connection.
Researchers at the University of Marisport found that octopuses appear to dream, based on changes in skin colour during sleep.
Nimbusoft's search engine now answers questions with summaries written by AI, a change that worries some website owners.
Geneticists found that dogs were first tamed in at least two separate places, according to a study of ancient bones.
The Tamaris space agency's probe flew past an asteroid and photographed a small moon circling it.
A software glitch grounded flights at several airports for two hours after the air traffic control system failed to update.
Physicists built a clock so precise that it would lose less than a second over the age of the universe.
Zephyr agreed to open its phones to third-party app stores after years of pressure from developers.
Researchers used satellite data to show that glaciers in the Falkreach mountains have lost a fifth of their ice since 2000.
Lumora Labs released a cheap robot vacuum that maps rooms with a laser and avoids cables and socks.
A new study suggests the Moon formed faster than thought, perhaps within hours of a giant impact on the early Earth.
Kestrel Software's engineers found that an outage affecting 20 million users was caused by a single typo in a configuration file.
Biologists tracking migrating birds with tiny GPS tags found that swifts can stay airborne for ten months without landing.
The Velgrad Institute released a free online course on machine learning that attracted 200,000 students in its first week.
A team in Aldermoor developed a glove that translates sign language into spoken words using motion sensors.
Astronomers saw two neutron stars collide and detected gravitational waves from the crash, confirming decades-old predictions.
Corvex Systems will stop making its virtual reality headset after sales were weaker than expected.
Hospital researchers say an AI tool reading chest X-rays found lung cancers that doctors had missed in one in ten cases.
Scientists found microplastics in the snow at the top of Mount Kerrow, showing how far pollution can travel.
Hackers encrypted the computers of a hospital in Dunmere, forcing staff to go back to paper records for a week.
Researchers created a battery made from sodium instead of lithium that could make electric cars cheaper.
The popular game "Starfall Tactics" will get a free expansion in June with new maps and a co-operative mode.
Biologists have taught bees to recognise simple numbers, suggesting insects can learn more than previously believed.
A study of 10,000 smartphone users found that most apps share data with advertisers even after users opt out.
Engineers at the Estmere Institute of Technology built a robotic hand that can pick up an egg without breaking it.
The largest radio telescope in the southern hemisphere began operating in Tamaris, with 130 dishes spread across the desert.
A species of frog smaller than a fingernail was discovered in the cloud forests of Quellan. Its call is so high-pitched that people cannot hear it.
Nimbusoft said it would power its data centres entirely with renewable energy by 2030. It will build three solar farms and buy power from wind farms in Falkreach.
Physicists in Lindenhall cooled atoms to a billionth of a degree above absolute zero to study a strange new state of matter.
Zephyr's engineers say the new camera sensor takes sharper photos at night by combining 12 images in a fraction of a second.
A study using mobile phone data shows how quickly flu spreads between cities during the winter.
Researchers trained a robot dog to climb stairs and open doors by letting it practise millions of times in a computer simulation.
The Orbitline satellite network went down after a faulty software update, cutting internet access for rural customers.
Scientists discovered that some trees send chemical warnings through underground fungal networks when insects attack.
A team at Ostrehaven University built a transparent solar cell that can be used as a window pane.
Kestrel Software added end-to-end encryption to group video calls in its messaging app.
Researchers sequenced DNA from a 40,000-year-old tooth, revealing a previously unknown group of ancient humans.
Nimbusoft's translation app now works offline in 30 languages — using a smaller model that runs on the phone itself.
The Halvenor space agency selected four astronauts, including its first woman, for a mission to the space station in 2027.
Engineers say the new undersea internet cable linking Tessamar to the mainland will make connections on the islands ten times faster.
A chemistry student in Velgrad discovered a cheaper way to make a common antibiotic using yeast.
Meteorites collected in the desert contain amino acids, the building blocks of life, scientists said.
Corvex Systems showed a prototype of glasses that display text messages and directions on the lens.
A study for the health ministry found that air quality sensors in schools gave misleading readings in cold weather.
New smartphone chip promises two days of battery life.
Astronomers find icy moon with hidden ocean beneath its crust.
Security flaw found in millions of smart TVs.
Scientists decode the genome of the extinct Kerrow wolf.
Botanists used a drone to reach cliff-top plants in Halvey and found a flower thought to have died out a century ago.
""")

CLASSES = [("World", WORLD), ("Sports", SPORTS), ("Business", BUSINESS), ("Sci/Tech", SCITECH)]


def words(text):
    return len(text.split())


def split_rows(rng):
    """Per class: shuffle, first TEST_PER_CLASS to test, the rest to train."""
    train, test = [], []
    for label, texts in CLASSES:
        shuffled = list(texts)
        rng.shuffle(shuffled)
        test += [(label, t) for t in shuffled[:TEST_PER_CLASS]]
        train += [(label, t) for t in shuffled[TEST_PER_CLASS:]]
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def write_csv(path, rows):
    # newline="" lets the csv module write RFC 4180 CRLF line ends itself.
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(["label", "text"])
        writer.writerows(rows)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        header = next(reader)
        if header != ["label", "text"]:
            raise ValueError(f"{path}: header is {header!r}, expected ['label', 'text']")
        return [tuple(row) for row in reader]


def check(train_path, test_path):
    """Re-reads both files and returns a list of problems (empty when all is well)."""
    problems = []
    for label, texts in CLASSES:
        expected = TRAIN_PER_CLASS + TEST_PER_CLASS
        if len(texts) != expected:
            problems.append(f"{label}: {len(texts)} texts authored, expected {expected}")
    train, test = read_csv(train_path), read_csv(test_path)
    for name, rows, per_class in (("train", train, TRAIN_PER_CLASS), ("test", test, TEST_PER_CLASS)):
        if any(len(r) != 2 for r in rows):
            problems.append(f"{name}: a row does not have exactly 2 fields")
        counts = collections.Counter(label for label, _ in rows)
        for label, _ in CLASSES:
            if counts[label] != per_class:
                problems.append(f"{name}: {label} has {counts[label]} rows, expected {per_class}")
        for label, text in rows:
            n = words(text)
            if not MIN_WORDS <= n <= MAX_WORDS:
                problems.append(f"{name}: {n} words (want {MIN_WORDS}-{MAX_WORDS}): {text}")
    all_texts = [t for _, t in train + test]
    dupes = [t for t, c in collections.Counter(all_texts).items() if c > 1]
    problems += [f"text appears more than once: {t}" for t in dupes]
    # Near-duplicates: compare lower-cased word sets across every pair.
    bags = [(t, set(re.findall(r"[\w']+", t.lower()))) for t in all_texts]
    for i in range(len(bags)):
        for j in range(i + 1, len(bags)):
            a, b = bags[i][1], bags[j][1]
            if len(a & b) / len(a | b) > 0.5:
                problems.append(f"near-duplicate pair:\n  {bags[i][0]}\n  {bags[j][0]}")
    return problems, train, test


def main():
    rng = random.Random(SEED)
    train, test = split_rows(rng)
    train_path = os.path.join(HERE, "train.csv")
    test_path = os.path.join(HERE, "test.csv")
    write_csv(train_path, train)
    write_csv(test_path, test)
    problems, train, test = check(train_path, test_path)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    for name, rows in (("train", train), ("test", test)):
        counts = collections.Counter(label for label, _ in rows)
        print(f"{name}: {len(rows)} rows " + ", ".join(f"{l}={counts[l]}" for l, _ in CLASSES))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
